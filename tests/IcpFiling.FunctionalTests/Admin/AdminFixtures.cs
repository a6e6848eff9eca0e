using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests.Admin;

/// <summary>A console without SMTP whose sessions re-check the security stamp on every request.</summary>
public sealed class AdminFixture() : HostFixture(new IcpFilingWebFactory
{
    Settings = new() { ["Security:SecurityStampValidationInterval"] = "00:00:00" },
});

/// <summary>A console that sends its mail to a real SMTP server on loopback.</summary>
public sealed class MailFixture : IAsyncLifetime
{
    public LoopbackSmtp Smtp { get; private set; } = null!;

    public IcpFilingWebFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await LoopbackSmtp.StartAsync();
        Factory = new IcpFilingWebFactory { Settings = Smtp.Settings };
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

internal static class AdminPages
{
    /// <summary>Posts one of an account page's forms as a browser would, with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostOnAccountAsync(this ConsoleClient admin, string accountId, string action, Dictionary<string, string> fields)
    {
        var page = await admin.GetAsync($"/admin/accounts/{accountId}");
        return await admin.PostFormAsync($"/admin/accounts/{accountId}/{action}", page, fields);
    }
}
