using System.Net;
using System.Text;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests.Admin;

public sealed class AuditSearchTests(AdminFixture host) : IClassFixture<AdminFixture>
{
    private IcpFilingWebFactory Factory => host.Factory;

    [Fact]
    public async Task Search_ByActorActionSubjectAndDays_ShowsReadableRows_AndExportsTheSameAsCsv()
    {
        var id = await Factory.EnsureAccountAsync("audited@demo.test", Roles.Owner);
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        await admin.PostOnAccountAsync(id, "sign-out", new() { ["SignOut.Reason"] = "audit search test" });
        await admin.PostOnAccountAsync(id, "lock", new() { ["Lock.Reason"] = "audit search 中文" });

        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var query = $"actor={Uri.EscapeDataString(DemoAccounts.Admin)}&action=account.&subject={Uri.EscapeDataString("audited@demo.test")}&from={today}&to={today}";
        var page = await admin.GetAsync("/admin/audit?" + query);
        var rows = page.QuerySelectorAll("[data-testid=history] tbody tr");
        Assert.Equal([AuditActions.AccountLocked, AuditActions.SignedOutEverywhere], rows.Select(r => r.GetAttribute("data-action")));
        // The viewer acted: the history partial says "You", as on every history page.
        Assert.All(rows, r => Assert.Contains("You", r.QuerySelector("[data-testid=actor]")!.TextContent, StringComparison.Ordinal));

        var none = await admin.GetAsync("/admin/audit?" + query.Replace("action=account.", "action=number.issued", StringComparison.Ordinal));
        Assert.NotNull(none.QuerySelector("[data-testid=history-empty]"));
        var yesterday = await admin.GetAsync($"/admin/audit?subject={id}&to=2001-01-01");
        Assert.NotNull(yesterday.QuerySelector("[data-testid=history-empty]"));

        var export = await admin.Http.GetAsync("/admin/audit/export?" + query);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,at,actorId,actorEmail", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length - 1);
        // China time with its offset, as the history table above shows it.
        Assert.Matches("^\\d+,\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+08:00,", lines[1]);
        Assert.Contains("audit search 中文", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WithADateOutOfRange_ShowsTheMessage_AndExportRefusesIt()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        var response = await admin.Http.GetAsync("/admin/audit?from=0001-01-01");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await ConsoleClient.ParseAsync(response)).QuerySelector("[data-testid=errors]"));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.GetAsync("/admin/audit/export?to=9999-12-31")).StatusCode);
    }
}

public sealed class ConfigurationPageTests(AdminFixture host) : IClassFixture<AdminFixture>
{
    [Fact]
    public async Task Configuration_ShowsTheTypeTableRegionsAndLimitsInForce()
    {
        using var admin = await ConsoleClient.SignInAsync(host.Factory, DemoAccounts.Admin);
        var page = await admin.GetAsync("/admin/configuration");

        Assert.Equal(8, page.QuerySelectorAll("[data-testid=types] tbody tr").Length);
        Assert.NotNull(page.QuerySelector("[data-testid=regions] tr[data-region='cn-hangzhou']"));
        // The test host raises the sign-in limit to 100000 (IcpFilingWebFactory): the page shows what is in force.
        Assert.Contains("100000 POSTs per 60 s", page.QuerySelector("[data-testid=limits]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("main form[method=post]"));
    }
}
