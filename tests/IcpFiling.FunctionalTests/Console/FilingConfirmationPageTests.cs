using System.Net;
using IcpFiling.Core.Filings;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests.Console;

/// <summary>
/// Without JavaScript, Cancel filing and Remove this service provider are links to a confirmation page that says
/// what will happen and posts only when confirmed (with JavaScript the console's dialog asks the same question).
/// </summary>
public sealed class FilingConfirmationPageTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    [Theory]
    [InlineData("cancel", "Cancel the filing for", FilingStatus.Cancelled)]
    [InlineData("remove-provider", "no longer names this provider", FilingStatus.ProviderRemoved)]
    public async Task CloseLink_OpensAConfirmationPage_ThatChangesNothingUntilConfirmed(string action, string question, FilingStatus after)
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        var domain = $"confirm-{action}-{Guid.NewGuid():N}"[..30] + ".cn";
        var id = await FileAsync(owner, domain);
        var list = await owner.GetAsync($"/icp-no/filings?highlight={id}");
        var link = list.QuerySelector($"tr[data-filing-id='{id}'] a[href$='/{id}/{action}']")!;

        var confirm = await owner.GetAsync(link.GetAttribute("href")!);

        Assert.Contains(question, confirm.QuerySelector("[data-testid=confirm-question]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(domain, confirm.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(FilingStatus.Submitted, await StatusAsync(id));
        Assert.Contains(question, link.GetAttribute("data-confirm"), StringComparison.Ordinal);

        var form = confirm.QuerySelector("main form[method=post]")!;
        var posted = await owner.PostFormAsync(form.GetAttribute("action")!, confirm, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(after, await StatusAsync(id));
    }

    [Fact]
    public async Task ConfirmationPage_OfAnotherAccountsFiling_IsNotFound()
    {
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        using var other = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner2);
        var id = await FileAsync(owner, $"other-{Guid.NewGuid():N}"[..20] + ".cn");

        var response = await other.Http.GetAsync($"/icp-no/filings/{id}/cancel");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<long> FileAsync(ConsoleClient owner, string domain)
    {
        var form = await owner.GetAsync("/icp-no/filings/new");
        var instance = form.QuerySelector("input[name=InstanceId]")!.GetAttribute("value")!;
        var response = await owner.PostFormAsync("/icp-no/filings/new", form, new Dictionary<string, string>
        {
            ["Domain"] = domain,
            ["SubjectName"] = "Confirm Ltd.",
            ["Method"] = "Instance",
            ["InstanceId"] = instance,
            ["IdempotencyKey"] = Guid.NewGuid().ToString("N"),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await factory.WithDbAsync(db => db.Filings.Where(f => f.DomainAscii == domain).Select(f => f.Id).SingleAsync());
    }

    private Task<FilingStatus> StatusAsync(long id) =>
        factory.WithDbAsync(db => db.Filings.Where(f => f.Id == id).Select(f => f.Status).SingleAsync());
}
