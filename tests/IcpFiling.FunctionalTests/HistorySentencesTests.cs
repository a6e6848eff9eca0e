using System.Net;
using AngleSharp.Dom;
using IcpFiling.Core.Audit;
using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests;

/// <summary>
/// Every history (the owner's Activity, support's account history, the administrators' audit search) shows what
/// happened as sentences with e-mails, domains and instance ids, never the audit rows' internal keys; the owner's
/// own rows say "You".
/// </summary>
public sealed class HistorySentencesTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    /// <summary>The "key=value" details the changes write; people never read them.</summary>
    private static readonly string[] InternalKeys = ["quota=", "channel=", "slot=", "filing=", "instance=", "domain=", "number=", "with=", "from=", "account:"];

    [Fact]
    public async Task Activity_ShowsSentencesWithDomainsAndInstanceLinks_AndTheOwnersOwnRowsSayYou()
    {
        const string domain = "history-sentences.cn";
        var filingId = await factory.FileWithInstanceAsync(DemoAccounts.Owner, "ens-demo-edge", domain);
        using var owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        var cancel = $"/icp-no/filings/{filingId}/cancel";
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(cancel, await owner.GetAsync(cancel), new Dictionary<string, string>())).StatusCode);

        var history = (await owner.GetAsync("/activity")).QuerySelector("[data-testid=history]")!;

        AssertNoInternalKeys(history);
        var cancelled = Row(history, AuditActions.FilingCancelled, filingId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(domain, What(cancelled), StringComparison.Ordinal);
        Assert.Equal("You", cancelled.QuerySelector("[data-testid=actor]")!.TextContent.Trim());
        var issued = Assert.Single(history.QuerySelectorAll($"tr[data-action='{AuditActions.NumberIssued}']"),
            r => What(r).Contains("ens-demo-edge", StringComparison.Ordinal) && What(r).Contains("while filing", StringComparison.Ordinal));
        Assert.NotNull(issued.QuerySelector("[data-testid=what] a[href*='/icp-no/application?search=ens-demo-edge']"));
        var used = Assert.Single(history.QuerySelectorAll($"tr[data-action='{AuditActions.NumberUsed}']"), r => What(r).Contains(domain, StringComparison.Ordinal));
        Assert.Equal("You", used.QuerySelector("[data-testid=actor]")!.TextContent.Trim());
    }

    [Fact]
    public async Task SupportHistory_NamesTheAccountOfAFailedSignInByItsEmail_NotItsId()
    {
        var owner2Id = await factory.AccountIdAsync(DemoAccounts.Owner2);
        using (var anonymous = ConsoleClient.Anonymous(factory))
        {
            await anonymous.PostFormAsync("/Identity/Account/Login", await anonymous.GetAsync("/Identity/Account/Login"),
                new Dictionary<string, string> { ["Input.Email"] = DemoAccounts.Owner2, ["Input.Password"] = "not the password" });
        }

        using var support = await ConsoleClient.SignInAsync(factory, DemoAccounts.Support);
        var history = (await support.GetAsync($"/support/accounts/{owner2Id}/history")).QuerySelector("[data-testid=history]")!;

        AssertNoInternalKeys(history);
        var refused = Row(history, AuditActions.SignInFailed, owner2Id);
        Assert.Contains($"Sign-in to {DemoAccounts.Owner2} refused", What(refused), StringComparison.Ordinal);
        Assert.Contains("wrong password", What(refused), StringComparison.Ordinal);
        Assert.DoesNotContain(owner2Id, refused.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminAuditSearch_ShowsTheSameSentences()
    {
        using var admin = await ConsoleClient.SignInAsync(factory, DemoAccounts.Admin);

        var history = (await admin.GetAsync($"/admin/audit?action={AuditActions.NumberIssued}")).QuerySelector("[data-testid=history]")!;

        AssertNoInternalKeys(history);
        Assert.All(history.QuerySelectorAll("tbody tr"), r => Assert.StartsWith("Service identification number", What(r), StringComparison.Ordinal));
    }

    private static void AssertNoInternalKeys(IElement history)
    {
        Assert.NotEmpty(history.QuerySelectorAll("tbody tr"));
        var text = history.TextContent;
        Assert.All(InternalKeys, key => Assert.DoesNotContain(key, text, StringComparison.Ordinal));
    }

    private static IElement Row(IElement history, string action, string subject) =>
        Assert.Single(history.QuerySelectorAll($"tr[data-action='{action}'][data-subject='{subject}']"));

    private static string What(IElement row) => row.QuerySelector("[data-testid=what]")?.TextContent.Trim() ?? "";
}
