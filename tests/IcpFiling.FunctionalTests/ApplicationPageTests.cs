using System.Net;
using AngleSharp.Dom;
using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests;

/// <summary>ICP No. Application and Apply, over HTTP, as a signed-in owner would use them.</summary>
public sealed class ApplicationPageTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>, IAsyncLifetime
{
    private ConsoleClient _owner = null!;

    public async Task InitializeAsync() => _owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);

    public Task DisposeAsync()
    {
        _owner.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Application_QualifiedInstance_OffersApply()
    {
        var row = await RowAsync(DemoAccounts.QualifiedEcs);

        Assert.NotNull(row.QuerySelector("a[data-apply]"));
        Assert.Null(row.QuerySelector("[data-testid=reasons]"));
        Assert.Equal("0 / 5", row.QuerySelector("[data-testid=quota]")!.TextContent.Trim());
    }

    [Theory]
    [InlineData(DemoAccounts.PayAsYouGoEcs, "Pay-as-you-go instances are not supported.")]
    [InlineData(DemoAccounts.QuotaFullEcs, "Quota used up (5/5).")]
    [InlineData(DemoAccounts.OnHoldEcs, "Under review by support.")]
    [InlineData("i-demo-ecs-noip", "No available IPs for this instance.")]
    [InlineData("i-demo-ecs-hk", "Region cn-hongkong is outside mainland China: no ICP filing is needed there.")]
    [InlineData("i-demo-ecs-other", "Hosted by another service provider: apply on the filing platform of your service provider.")]
    [InlineData("i-demo-ecs-trial", "Trial products are not supported.")]
    [InlineData("i-demo-ecs-expired", "The instance has expired.")]
    [InlineData("mkt-demo-cheap", "The order amount is below RMB 99.")]
    public async Task Application_IneligibleInstance_ShowsReasonInsteadOfApply(string instanceId, string reason)
    {
        var row = await RowAsync(instanceId);

        Assert.Null(row.QuerySelector("a[data-apply]"));
        var reasons = row.QuerySelectorAll("[data-testid=reasons] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains(reason, reasons);
    }

    [Fact]
    public async Task Application_ListsOnlyTheSignedInOwnersInstances()
    {
        var page = await _owner.GetAsync($"/icp-no/application?search={DemoAccounts.Owner2Ecs}");

        Assert.Empty(page.QuerySelectorAll("tr[data-instance-id]"));
        Assert.NotNull(page.QuerySelector("[data-testid=empty]"));
    }

    [Fact]
    public async Task Application_FilterByType_ShowsOnlyThatType()
    {
        var page = await _owner.GetAsync("/icp-no/application?type=ElasticWebHosting");

        var ids = page.QuerySelectorAll("tr[data-instance-id]").Select(r => r.GetAttribute("data-instance-id")).ToList();
        Assert.Equal(["ewh-demo-blog", "ewh-demo-shop"], ids.Order());
        // Two instances, one quota: both show the account's shared usage.
        Assert.All(page.QuerySelectorAll("tr[data-instance-id] [data-testid=quota]"), cell => Assert.StartsWith("3 / 5", cell.TextContent.Trim()));
    }

    [Fact]
    public async Task Application_Paging_IsBoundedAndStable()
    {
        var first = await _owner.GetAsync("/icp-no/application");
        var second = await _owner.GetAsync("/icp-no/application?page=2");
        var beyond = await _owner.GetAsync("/icp-no/application?page=999999999");

        Assert.Equal(20, first.QuerySelectorAll("tr[data-instance-id]").Length);
        Assert.NotEmpty(second.QuerySelectorAll("tr[data-instance-id]"));
        Assert.Empty(first.QuerySelectorAll("tr[data-instance-id]").Select(r => r.GetAttribute("data-instance-id"))
            .Intersect(second.QuerySelectorAll("tr[data-instance-id]").Select(r => r.GetAttribute("data-instance-id"))));
        // Past the end shows the last page rather than an empty table.
        Assert.Equal(
            second.QuerySelectorAll("tr[data-instance-id]").Select(r => r.GetAttribute("data-instance-id")),
            beyond.QuerySelectorAll("tr[data-instance-id]").Select(r => r.GetAttribute("data-instance-id")));
    }

    [Fact]
    public async Task Apply_QualifiedInstance_RedirectsToManagementWithNewNumberHighlighted()
    {
        const string instanceId = DemoAccounts.QualifiedEcs2;
        var page = await _owner.GetAsync($"/icp-no/application?search={instanceId}");

        var response = await ApplyAsync(page, instanceId, KeyOf(page, instanceId));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/icp-no/management?highlight=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var management = await _owner.FollowAsync(response);
        var highlighted = management.QuerySelector("tr.highlighted")!;
        var number = highlighted.GetAttribute("data-number")!;
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", number);
        Assert.Contains(number, management.QuerySelector("[data-testid=flash]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(instanceId, highlighted.TextContent, StringComparison.Ordinal);
        Assert.Equal("Unused", highlighted.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        Assert.Equal(1, await factory.ForInstanceAsync(instanceId));
    }

    [Fact]
    public async Task Apply_SameKeyPostedTwice_IssuesOneNumber()
    {
        const string instanceId = "i-demo-ecs-api";
        var page = await _owner.GetAsync($"/icp-no/application?search={instanceId}");
        var key = KeyOf(page, instanceId);

        var first = await ApplyAsync(page, instanceId, key);
        var replay = await ApplyAsync(page, instanceId, key);

        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        var management = await _owner.FollowAsync(replay);
        Assert.Contains("Nothing new was issued", management.QuerySelector("[data-testid=flash]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await factory.ForInstanceAsync(instanceId));
    }

    [Fact]
    public async Task Apply_IneligibleInstance_RedirectsBackWithReasonsAndIssuesNothing()
    {
        var page = await _owner.GetAsync("/icp-no/application");
        var before = await factory.TotalAsync();

        var response = await ApplyAsync(page, DemoAccounts.PayAsYouGoEcs, Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var back = await _owner.FollowAsync(response);
        var flash = back.QuerySelector("[data-testid=flash]")!.TextContent;
        Assert.Contains($"No number was issued for instance {DemoAccounts.PayAsYouGoEcs}", flash, StringComparison.Ordinal);
        Assert.Contains("Pay-as-you-go instances are not supported.", flash, StringComparison.Ordinal);
        Assert.Equal(before, await factory.TotalAsync());
    }

    [Fact]
    public async Task Apply_QuotaUsedUp_ShowsReasonAndIssuesNothing()
    {
        var page = await _owner.GetAsync("/icp-no/application");

        var back = await _owner.FollowAsync(await ApplyAsync(page, DemoAccounts.QuotaFullEcs, Guid.NewGuid().ToString("N")));

        Assert.Contains("Quota used up (5/5).", back.QuerySelector("[data-testid=flash]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(5, await factory.ForInstanceAsync(DemoAccounts.QuotaFullEcs));
    }

    [Fact]
    public async Task Apply_AnotherOwnersInstance_Returns404AndIssuesNothing()
    {
        var page = await _owner.GetAsync("/icp-no/application");
        var before = await factory.ForInstanceAsync(DemoAccounts.Owner2Ecs);

        var response = await ApplyAsync(page, DemoAccounts.Owner2Ecs, Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await factory.ForInstanceAsync(DemoAccounts.Owner2Ecs));
    }

    [Fact]
    public async Task Apply_UnknownInstance_Returns404()
    {
        var page = await _owner.GetAsync("/icp-no/application");

        var response = await ApplyAsync(page, "i-does-not-exist", Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Apply_WithoutAntiforgeryToken_Returns400AndIssuesNothing()
    {
        var before = await factory.TotalAsync();

        var response = await _owner.PostAsync("/icp-no/application/apply", new Dictionary<string, string>
        {
            ["InstanceId"] = "sas-demo-blog",
            ["IdempotencyKey"] = Guid.NewGuid().ToString("N"),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await factory.TotalAsync());
    }

    [Fact]
    public async Task Apply_WithAnotherAccountsToken_Returns400()
    {
        using var owner2 = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner2);
        var owner2Page = await owner2.GetAsync("/icp-no/application");

        // The token is bound to owner2's session; posting it with the owner's cookies must fail.
        var response = await _owner.PostAsync("/icp-no/application/apply", ConsoleClient.WithToken(owner2Page, new Dictionary<string, string>
        {
            ["InstanceId"] = "sas-demo-blog",
            ["IdempotencyKey"] = Guid.NewGuid().ToString("N"),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await factory.ForInstanceAsync("sas-demo-blog"));
    }

    [Fact]
    public async Task Apply_MissingKey_ShowsConfirmationFormAgainWithMessage()
    {
        var page = await _owner.GetAsync("/icp-no/application");

        var response = await _owner.PostFormAsync("/icp-no/application/apply", page, new Dictionary<string, string>
        {
            ["InstanceId"] = "cwh-demo-docs",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await ConsoleClient.ParseAsync(response);
        Assert.Contains("The form is incomplete", form.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(form.QuerySelector("form input[name=IdempotencyKey][value]"));
        Assert.Equal(0, await factory.ForInstanceAsync("cwh-demo-docs"));
    }

    [Fact]
    public async Task Confirm_WithoutJavaScript_ShowsPageThatIssuesOnOk()
    {
        const string instanceId = "ens-demo-edge";
        var confirm = await _owner.GetAsync($"/icp-no/application/{instanceId}/apply");
        var fields = confirm.QuerySelectorAll("main form[method=post] input[type=hidden]")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");

        Assert.Contains("One unit of its quota will be consumed", confirm.Body!.TextContent, StringComparison.Ordinal);
        var response = await _owner.PostAsync("/icp-no/application/apply", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await factory.ForInstanceAsync(instanceId));
    }

    [Fact]
    public async Task Confirm_AnotherOwnersInstance_Returns404()
    {
        var response = await _owner.Http.GetAsync($"/icp-no/application/{DemoAccounts.Owner2Ecs}/apply");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<IElement> RowAsync(string instanceId)
    {
        var page = await _owner.GetAsync($"/icp-no/application?search={instanceId}");
        return page.QuerySelector($"tr[data-instance-id='{instanceId}']")
            ?? throw new InvalidOperationException($"No row for {instanceId}.");
    }

    private static string KeyOf(IDocument page, string instanceId) =>
        page.QuerySelector($"a[data-apply][data-instance-id='{instanceId}']")?.GetAttribute("data-idempotency-key")
        ?? throw new InvalidOperationException($"No Apply button for {instanceId}.");

    private Task<HttpResponseMessage> ApplyAsync(IDocument page, string instanceId, string key) =>
        _owner.PostFormAsync("/icp-no/application/apply", page, new Dictionary<string, string>
        {
            ["InstanceId"] = instanceId,
            ["IdempotencyKey"] = key,
        });
}
