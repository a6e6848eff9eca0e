using System.Net;
using AngleSharp.Dom;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Eligibility;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests;

/// <summary>Support staff's pages over HTTP: search, the review with every rule, and each action with its reason.</summary>
public sealed class SupportPagesTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>, IAsyncLifetime
{
    private ConsoleClient _support = null!;
    private ConsoleClient _owner = null!;

    public async Task InitializeAsync()
    {
        _support = await ConsoleClient.SignInAsync(factory, DemoAccounts.Support);
        _owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
    }

    public Task DisposeAsync()
    {
        _support.Dispose();
        _owner.Dispose();
        return Task.CompletedTask;
    }

    private static string Review(string instanceId) => $"/support/instances/{instanceId}";

    private async Task<IElement> OwnerRowAsync(string instanceId) =>
        (await _owner.GetAsync($"/icp-no/application?search={instanceId}")).QuerySelector($"tr[data-instance-id='{instanceId}']")!;

    [Fact]
    public async Task Home_SendsSupportToInstances()
    {
        var response = await _support.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/support/instances", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("i-demo2-ecs", "i-demo2-ecs-1")]
    [InlineData("owner2@demo", "cwh-demo2-site")]
    [InlineData("203.0.113.99", null)]
    public async Task Instances_SearchByInstanceIdOwnerEmailOrIp(string search, string? expected)
    {
        var page = await _support.GetAsync($"/support/instances?search={Uri.EscapeDataString(search)}");

        var ids = page.QuerySelectorAll("tr[data-instance-id]").Select(r => r.GetAttribute("data-instance-id")).ToList();
        if (expected is null)
        {
            Assert.Empty(ids);
        }
        else
        {
            Assert.Contains(expected, ids);
            Assert.All(ids, id => Assert.Contains("demo2", id, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Instances_SearchByPublicIp_FindsTheInstance()
    {
        var ip = (await factory.InstanceAsync(DemoAccounts.PayAsYouGoEcs)).PublicIps[0];

        var page = await _support.GetAsync($"/support/instances?search={ip}");

        Assert.Contains(DemoAccounts.PayAsYouGoEcs, page.QuerySelectorAll("tr[data-instance-id]").Select(r => r.GetAttribute("data-instance-id")));
    }

    [Fact]
    public async Task Review_IneligibleInstance_ListsEveryRuleWithItsExplanation()
    {
        var page = await _support.GetAsync(Review("i-demo-ecs-hk"));

        var rules = page.QuerySelectorAll("[data-testid=rules] li[data-rule]");
        Assert.Equal(Enum.GetNames<EligibilityRuleId>(), rules.Select(r => r.GetAttribute("data-rule")));
        Assert.Equal(12, rules.Length);
        Assert.All(rules, r => Assert.False(string.IsNullOrWhiteSpace(r.QuerySelector("[data-testid=requirement]")!.TextContent)));
        var failed = Assert.Single(rules, r => r.GetAttribute("data-passed") == "false");
        Assert.Equal(nameof(EligibilityRuleId.Region), failed.GetAttribute("data-rule"));
        Assert.Equal("Region cn-hongkong is outside mainland China: no ICP filing is needed there.",
            failed.QuerySelector("[data-testid=failure]")!.TextContent.Trim());
        Assert.Contains("Not qualified", page.QuerySelector("[data-testid=verdict]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_ShowsQuotaSlotsNumbersAndHistory()
    {
        var page = await _support.GetAsync(Review(DemoAccounts.QuotaFullEcs));

        Assert.StartsWith("5 / 5", page.QuerySelector("[data-testid=quota]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(["1 of 5", "2 of 5", "3 of 5", "4 of 5", "5 of 5"],
            page.QuerySelectorAll("[data-testid=numbers] [data-testid=slot]").Select(c => c.TextContent.Trim()));
        Assert.Equal(5, page.QuerySelectorAll("[data-testid=history] tr[data-action='number.issued']").Length);
    }

    [Fact]
    public async Task Review_UnknownInstance_Is404()
    {
        var response = await _support.Http.GetAsync(Review("i-does-not-exist"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Hold_ThenRelease_OwnerSeesUnderReviewThenApply_AndHistoryKeepsBothReasons()
    {
        const string instanceId = DemoAccounts.QualifiedEcs;
        Assert.NotNull((await OwnerRowAsync(instanceId)).QuerySelector("a[data-apply]"));

        var held = await _support.PostFormAsync($"{Review(instanceId)}/hold", await _support.GetAsync(Review(instanceId)),
            new Dictionary<string, string> { ["Hold.Reason"] = "Abuse report 1234" });

        Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
        Assert.Equal(Review(instanceId), held.Headers.Location!.OriginalString);
        var review = await _support.FollowAsync(held);
        Assert.Contains("is on hold", review.QuerySelector("[data-testid=flash]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Abuse report 1234", review.QuerySelector("[data-testid=hold-state]")!.TextContent, StringComparison.Ordinal);
        var ownerRow = await OwnerRowAsync(instanceId);
        Assert.Null(ownerRow.QuerySelector("a[data-apply]"));
        Assert.Contains("Under review by support.", ownerRow.QuerySelectorAll("[data-testid=reasons] li").Select(li => li.TextContent.Trim()));

        var released = await _support.PostFormAsync($"{Review(instanceId)}/release", review,
            new Dictionary<string, string> { ["Hold.Reason"] = "Report unfounded" });

        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        Assert.NotNull((await OwnerRowAsync(instanceId)).QuerySelector("a[data-apply]"));
        var history = (await _support.GetAsync(Review(instanceId))).QuerySelectorAll("[data-testid=history] tr[data-action]");
        Assert.Equal("Report unfounded", history.Single(r => r.GetAttribute("data-action") == AuditActions.HoldReleased).QuerySelector("[data-testid=reason]")!.TextContent);
        Assert.Equal("Abuse report 1234", history.Single(r => r.GetAttribute("data-action") == AuditActions.HoldPlaced).QuerySelector("[data-testid=reason]")!.TextContent);
        var audit = await factory.AuditAsync(instanceId);
        Assert.Equal([AuditActions.HoldPlaced, AuditActions.HoldReleased], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(Roles.Support, a.ActorRole));
        Assert.All(audit, a => Assert.False(string.IsNullOrEmpty(a.CorrelationId)));
    }

    [Fact]
    public async Task Hold_WithoutReason_RedirectsToTheReviewWithMessage_AndChangesNothing()
    {
        const string instanceId = "i-demo-ecs-api";

        var response = await _support.PostFormAsync($"{Review(instanceId)}/hold", await _support.GetAsync(Review(instanceId)),
            new Dictionary<string, string> { ["Hold.Reason"] = "   " });

        // Post/redirect/get on errors too: the browser ends on the review's address, so a refresh re-submits nothing.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Review(instanceId), response.Headers.Location!.OriginalString);
        var page = await _support.FollowAsync(response);
        Assert.Contains("Enter a reason.", page.QuerySelector("[data-testid=hold-form]")!.TextContent, StringComparison.Ordinal);
        var again = await _support.GetAsync(Review(instanceId));
        Assert.DoesNotContain("Enter a reason.", again.QuerySelector("[data-testid=hold-form]")!.TextContent, StringComparison.Ordinal);
        Assert.False((await factory.InstanceAsync(instanceId)).OnHold);
        Assert.Empty(await factory.AuditAsync(instanceId));
    }

    [Fact]
    public async Task Hold_WithoutAntiforgeryToken_Is400()
    {
        const string instanceId = "i-demo-ecs-api";

        var response = await _support.PostAsync($"{Review(instanceId)}/hold", new Dictionary<string, string> { ["Hold.Reason"] = "no token" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False((await factory.InstanceAsync(instanceId)).OnHold);
    }

    [Fact]
    public async Task SupportActions_AsOwner_Are403_AndChangeNothing()
    {
        const string instanceId = "i-demo-ecs-api";
        var number = await factory.UnusedNumberOfAsync(DemoAccounts.QuotaFullEcs);
        var ownerPage = await _owner.GetAsync("/icp-no/application");

        var responses = new[]
        {
            await _owner.PostFormAsync($"{Review(instanceId)}/hold", ownerPage, new Dictionary<string, string> { ["Hold.Reason"] = "x" }),
            await _owner.PostFormAsync($"{Review(instanceId)}/quota-override", ownerPage,
                new Dictionary<string, string> { ["Override.Quota"] = "50", ["Override.Reason"] = "x" }),
            await _owner.PostFormAsync($"/support/numbers/{number}/void", ownerPage, new Dictionary<string, string> { ["Void.Reason"] = "x" }),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        var instance = await factory.InstanceAsync(instanceId);
        Assert.False(instance.OnHold);
        Assert.Null(instance.QuotaOverride);
        Assert.Equal(ServiceNumberStatus.Unused, (await factory.NumberAsync(number)).Status);
    }

    [Fact]
    public async Task QuotaOverride_BelowIssued_ShowsMessage_ThenValidOverrideIsSetAndCleared()
    {
        const string instanceId = DemoAccounts.QuotaFullEcs;
        var url = $"{Review(instanceId)}/quota-override";

        var refused = await _support.PostFormAsync(url, await _support.GetAsync(Review(instanceId)),
            new Dictionary<string, string> { ["Override.Quota"] = "3", ["Override.Reason"] = "shrink" });
        var refusedPage = await _support.FollowAsync(refused);
        var notNumber = await _support.PostFormAsync(url, await _support.GetAsync(Review(instanceId)),
            new Dictionary<string, string> { ["Override.Quota"] = "many", ["Override.Reason"] = "shrink" });

        // A refusal after a valid post and an invalid post both end on the review's GET address, the form filled in.
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("must be at least 5", refusedPage.QuerySelector("[data-testid=quota-form]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("3", refusedPage.QuerySelector("[name='Override.Quota']")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, notNumber.StatusCode);
        Assert.Contains("whole number", (await _support.FollowAsync(notNumber)).QuerySelector("[data-testid=quota-form]")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await factory.InstanceAsync(instanceId)).QuotaOverride);

        var set = await _support.PostFormAsync(url, await _support.GetAsync(Review(instanceId)),
            new Dictionary<string, string> { ["Override.Quota"] = "8", ["Override.Reason"] = "Ticket 77" });

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var review = await _support.FollowAsync(set);
        Assert.StartsWith("5 / 8", review.QuerySelector("[data-testid=quota]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull((await OwnerRowAsync(instanceId)).QuerySelector("a[data-apply]"));

        var cleared = await _support.PostFormAsync($"{url}/clear", review, new Dictionary<string, string> { ["Clear.Reason"] = "Ticket 77 closed" });

        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Null((await factory.InstanceAsync(instanceId)).QuotaOverride);
        Assert.Equal(
            [(AuditActions.QuotaOverrideSet, "Ticket 77"), (AuditActions.QuotaOverrideCleared, "Ticket 77 closed")],
            (await factory.AuditAsync(instanceId)).Select(a => (a.Action, a.Reason!)));
    }

    [Fact]
    public async Task Void_UnusedNumber_OwnerSeesInvalid_AndHistoryShowsReason()
    {
        var ownerId = await factory.AccountIdAsync(DemoAccounts.Owner);
        var number = (await factory.AddInstanceWithNumbersAsync(ownerId, "i-support-void", 2))[0];
        var review = await _support.GetAsync(Review("i-support-void"));
        Assert.NotNull(review.QuerySelector($"tr[data-number='{number}'] [data-testid=void-form]"));

        var missing = await _support.PostFormAsync($"/support/numbers/{number}/void", review, new Dictionary<string, string> { ["Void.Reason"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, missing.StatusCode);
        Assert.Contains("Enter a reason.", (await _support.FollowAsync(missing)).QuerySelector($"tr[data-number='{number}']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ServiceNumberStatus.Unused, (await factory.NumberAsync(number)).Status);

        var voided = await _support.PostFormAsync($"/support/numbers/{number}/void", review, new Dictionary<string, string> { ["Void.Reason"] = "Posted publicly" });

        Assert.Equal(HttpStatusCode.Redirect, voided.StatusCode);
        Assert.Equal(Review("i-support-void"), voided.Headers.Location!.OriginalString);
        var after = await _support.FollowAsync(voided);
        Assert.Equal("Invalid", after.QuerySelector($"tr[data-number='{number}'] [data-testid=status]")!.TextContent.Trim());
        Assert.Null(after.QuerySelector($"tr[data-number='{number}'] [data-testid=void-form]"));
        Assert.StartsWith("2 / 5", after.QuerySelector("[data-testid=quota]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Posted publicly", after.QuerySelector($"[data-testid=history] tr[data-action='number.voided'][data-subject='{number}'] [data-testid=reason]")!.TextContent);
        var management = await _owner.GetAsync($"/icp-no/management?search={number}");
        Assert.Equal("Invalid", management.QuerySelector($"tr[data-number='{number}'] [data-testid=status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Void_UsedOrUnknownNumber()
    {
        var ownerId = await factory.AccountIdAsync(DemoAccounts.Owner);
        var number = (await factory.AddInstanceWithNumbersAsync(ownerId, "i-support-used", 1))[0];
        await factory.MarkUsedAsync(number);
        var review = await _support.GetAsync(Review("i-support-used"));

        var used = await _support.PostFormAsync($"/support/numbers/{number}/void", review, new Dictionary<string, string> { ["Void.Reason"] = "x" });
        var unknown = await _support.PostFormAsync($"/support/numbers/{Guid.NewGuid()}/void", review, new Dictionary<string, string> { ["Void.Reason"] = "x" });

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(Review("i-support-used"), used.Headers.Location!.OriginalString);
        Assert.Equal(ServiceNumberStatus.Used, (await factory.NumberAsync(number)).Status);
        Assert.Null(review.QuerySelector($"tr[data-number='{number}'] [data-testid=void-form]"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task AccountHistory_ForSupport_AndUnknownAccountIs404()
    {
        var owner2 = await factory.AccountIdAsync(DemoAccounts.Owner2);

        var page = await _support.GetAsync($"/support/accounts/{owner2}/history");
        var unknown = await _support.Http.GetAsync($"/support/accounts/{Guid.NewGuid()}/history");

        Assert.Equal(2, page.QuerySelectorAll("[data-testid=history] tr[data-action='number.issued']").Length);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
