using AngleSharp.Dom;
using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests.Admin;

/// <summary>The start page's refusal figures: refused applies with their top reasons, and refused inventory batches.</summary>
public sealed class AdminStartPageTests(AdminFixture host) : IClassFixture<AdminFixture>
{
    private IcpFilingWebFactory Factory => host.Factory;

    [Fact]
    public async Task StartPage_CountsRefusedAppliesWithTheirTopReasons_AndRefusedBatchesButNotDryRuns_InBothLanguages()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        var before = await admin.GetAsync("/admin");
        Assert.Equal("0", Text(before, "count-refused-today"));
        Assert.Null(before.QuerySelector("[data-testid=top-reasons]"));

        using var owner = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Owner);
        await RefusedApplyAsync(owner, DemoAccounts.PayAsYouGoEcs);
        await RefusedApplyAsync(owner, DemoAccounts.PayAsYouGoEcs);
        await RefusedApplyAsync(owner, DemoAccounts.QuotaFullEcs);
        var ownerId = await Factory.AccountIdAsync(DemoAccounts.Owner);
        var badBatch = "instanceId,ownerId,type,name,regionId,billing,subscriptionStartsAt,purchasedMonths,expiresAt,publicIps,status,trial,provider,orderAmount,version\r\n"
            + $"i-refused-batch,{ownerId},ecs,web,xx-nowhere,subscription,2026-10-01T00:00:00Z,12,2027-10-01T00:00:00Z,47.96.1.1,running,false,thisProvider,,1\r\n";
        await InventoryImportTests.UploadAsync(admin, "Instances", badBatch, apply: false);
        await InventoryImportTests.UploadAsync(admin, "Instances", badBatch, apply: true);

        var after = await admin.GetAsync("/admin");

        Assert.Equal("3", Text(after, "count-refused-today"));
        Assert.Equal(
            // Each reason is the rule's failure, not what the rule requires.
            [("Billing", "The billing method is pay-as-you-go. (2)"), ("Quota", "The quota of service identification numbers is used up. (1)")],
            after.QuerySelectorAll("[data-testid=top-reasons] li").Select(li => (li.GetAttribute("data-code"), Squeeze(li.TextContent))));
        Assert.Equal("1", Text(after, "count-refused-batches"));
        admin.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var chinese = await admin.GetAsync("/admin");
        Assert.Contains("被拒绝的申请", chinese.QuerySelector("[data-testid=refusals]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("subscription", chinese.QuerySelector("[data-testid=top-reasons]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["付费方式为按量付费。 (2)", "备案服务号配额已用完。 (1)"], chinese.QuerySelectorAll("[data-testid=top-reasons] li").Select(li => Squeeze(li.TextContent)));
    }

    [Fact]
    public async Task StartPage_HeadsItsListOfPagesAsTheAdministrationPages_NotAsPagination()
    {
        using var admin = await ConsoleClient.SignInAsync(Factory, DemoAccounts.Admin);
        admin.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var page = await admin.GetAsync("/admin");

        Assert.Equal("管理功能", Text(page, "admin-pages-heading"));
        // The tile's title names its figure: the owner accounts, not all accounts.
        Assert.Equal("所有者账号", Text(page, "count-owners-title"));
    }

    private static async Task RefusedApplyAsync(ConsoleClient owner, string instanceId)
    {
        var page = await owner.GetAsync("/icp-no/application");
        var response = await owner.PostFormAsync("/icp-no/application/apply", page, new Dictionary<string, string>
        {
            ["InstanceId"] = instanceId,
            ["IdempotencyKey"] = Guid.NewGuid().ToString("N"),
        });
        var back = await owner.FollowAsync(response);
        Assert.Contains("No number was issued", back.QuerySelector("[data-testid=flash]")!.TextContent, StringComparison.Ordinal);
    }

    private static string Text(IDocument page, string testId) => page.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();

    private static string Squeeze(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
