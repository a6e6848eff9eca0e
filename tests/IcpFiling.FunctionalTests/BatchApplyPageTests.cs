using System.Net;
using AngleSharp.Dom;
using IcpFiling.Core.Audit;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests;

/// <summary>
/// Batch apply on ICP No. Application over HTTP, as a browser without JavaScript posts it: check instances and a
/// quantity each, review, confirm, and a result page that can be refreshed. Every test adds instances of its own.
/// </summary>
public sealed class BatchApplyPageTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>, IAsyncLifetime
{
    private const string Review = "/icp-no/application/batch/review";
    private const string Batch = "/icp-no/application/batch";

    private ConsoleClient _owner = null!;
    private string _ownerId = null!;

    public async Task InitializeAsync()
    {
        _owner = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner);
        _ownerId = await factory.AccountIdAsync(DemoAccounts.Owner);
    }

    public Task DisposeAsync()
    {
        _owner.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Batch_WithoutJavaScript_ReviewConfirmAndOk_IssuesExactlyWhatWasAskedPerInstance()
    {
        var (a, b) = (await AddInstanceAsync(), await AddInstanceAsync());
        var list = await _owner.GetAsync($"/icp-no/application?search={a}");
        Assert.NotNull(list.QuerySelector($"tr[data-instance-id='{a}'] input[data-batch-select]"));

        var review = await PostAsync(Review, list, Selected(a, b), Quantity(a, 2), Quantity(b, 1));
        Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);
        var confirm = await _owner.FollowAsync(review);
        Assert.Equal(["2", "1"], confirm.QuerySelectorAll("[data-testid=batch-confirm-lines] tbody [data-testid=quantity]").Select(c => c.TextContent.Trim()));
        Assert.Equal("3", confirm.QuerySelector("[data-testid=batch-total]")!.TextContent.Trim());
        Assert.Equal(0, await factory.ForInstanceAsync(a) + await factory.ForInstanceAsync(b));

        var ok = await _owner.PostAsync(Batch, HiddenFields(confirm));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.StartsWith("/icp-no/application/batch/", ok.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var result = await _owner.FollowAsync(ok);

        Assert.Contains("Numbers issued: 3, for instances: 2; instances refused: 0.", result.QuerySelector("[data-testid=flash]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, NumbersOf(result, a).Count);
        Assert.Single(NumbersOf(result, b));
        Assert.Equal(2, await factory.ForInstanceAsync(a));
        Assert.Equal(1, await factory.ForInstanceAsync(b));
        // Each number is linked to ICP No. Management, and each is its own audited change.
        var first = NumbersOf(result, a)[0];
        Assert.Equal($"/icp-no/management?search={first}&highlight={first}", result.QuerySelector($"a[data-number='{first}']")!.GetAttribute("href"));
        Assert.Equal(AuditActions.NumberIssued, Assert.Single(await factory.AuditAsync(first)).Action);
    }

    [Fact]
    public async Task Batch_OneInstanceRefused_KeepsTheOthersNumbersAndShowsTheRuleInItsOwnWords()
    {
        var good = await AddInstanceAsync();
        var held = await AddInstanceAsync(i => i.OnHold = true);
        var list = await _owner.GetAsync("/icp-no/application");

        var result = await _owner.FollowAsync(await PostBatchAsync(list, Guid.NewGuid().ToString("N"), (good, 2), (held, 1)));

        Assert.Equal(2, NumbersOf(result, good).Count);
        Assert.Empty(NumbersOf(result, held));
        var refused = result.QuerySelector($"[data-testid=batch-result] tr[data-instance-id='{held}']")!;
        Assert.Equal("false", refused.GetAttribute("data-complete"));
        Assert.Contains("Under review by support.", refused.QuerySelector("[data-testid=reasons]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, await factory.ForInstanceAsync(good));
        Assert.Equal(0, await factory.ForInstanceAsync(held));
    }

    [Fact]
    public async Task Batch_SamePostSentAgain_IssuesNothingNewAndShowsTheSameResult()
    {
        var (a, b) = (await AddInstanceAsync(), await AddInstanceAsync());
        var list = await _owner.GetAsync("/icp-no/application");
        var key = Guid.NewGuid().ToString("N");

        var first = await PostBatchAsync(list, key, (a, 2), (b, 3));
        var firstResult = await _owner.FollowAsync(first);
        var replay = await PostBatchAsync(list, key, (a, 2), (b, 3));
        var replayResult = await _owner.FollowAsync(replay);

        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Contains("Nothing new was issued", replayResult.QuerySelector("[data-testid=flash]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(NumbersOf(firstResult, a).Concat(NumbersOf(firstResult, b)), NumbersOf(replayResult, a).Concat(NumbersOf(replayResult, b)));
        Assert.Equal(2, await factory.ForInstanceAsync(a));
        Assert.Equal(3, await factory.ForInstanceAsync(b));
    }

    [Fact]
    public async Task Batch_EveryNumberIssued_ReadsAsASentenceOnTheOwnersActivity()
    {
        var a = await AddInstanceAsync();
        var list = await _owner.GetAsync("/icp-no/application");
        var numbers = NumbersOf(await _owner.FollowAsync(await PostBatchAsync(list, Guid.NewGuid().ToString("N"), (a, 2))), a);

        var activity = await _owner.GetAsync("/activity");

        var sentences = activity.QuerySelectorAll("[data-testid=history] [data-testid=what]").Select(c => c.TextContent.Trim()).ToList();
        var issuedRows = activity.QuerySelectorAll("[data-testid=history] tr").Where(r => r.GetAttribute("data-action") == AuditActions.NumberIssued && numbers.Contains(r.GetAttribute("data-subject") ?? "")).ToList();
        Assert.Equal(2, issuedRows.Count);
        Assert.All(issuedRows, r => Assert.Equal("through the console", r.QuerySelector("[data-testid=channel]")!.TextContent.Trim()));
        Assert.Equal(2, numbers.Count);
        Assert.All(numbers, number => Assert.Contains(sentences, s =>
            s.StartsWith($"Service identification number {number} issued for instance {a} in a batch on ICP No. Application; it is number ", StringComparison.Ordinal)));
        Assert.Contains(sentences, s => s.Contains("it is number 1 of 5", StringComparison.Ordinal) && s.Contains(numbers[0], StringComparison.Ordinal));
        Assert.Contains(sentences, s => s.Contains("it is number 2 of 5", StringComparison.Ordinal) && s.Contains(numbers[1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoBatchesAtOnce_OverTheSameInstances_NeverExceedTheQuota()
    {
        var (a, b) = (await AddInstanceAsync(), await AddInstanceAsync());
        var list = await _owner.GetAsync("/icp-no/application");

        // Each batch fits alone (3 of 5 per instance); together they ask for 6 of 5.
        var answers = await Task.WhenAll(
            PostBatchAsync(list, Guid.NewGuid().ToString("N"), (a, 3), (b, 3)),
            PostBatchAsync(list, Guid.NewGuid().ToString("N"), (b, 3), (a, 3)));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode));
        Assert.Equal(5, await factory.ForInstanceAsync(a));
        Assert.Equal(5, await factory.ForInstanceAsync(b));
        var shown = new List<string>();
        foreach (var answer in answers)
        {
            var result = await _owner.FollowAsync(answer);
            shown.AddRange(NumbersOf(result, a).Concat(NumbersOf(result, b)));
        }

        Assert.Equal(10, shown.Distinct().Count());
    }

    [Fact]
    public async Task BatchResult_Refreshed_IssuesNothing_AndAnotherOwnerOrOtherLinesGet404()
    {
        var a = await AddInstanceAsync();
        var list = await _owner.GetAsync("/icp-no/application");
        var response = await PostBatchAsync(list, Guid.NewGuid().ToString("N"), (a, 1));
        var url = response.Headers.Location!.OriginalString;

        var shown = await _owner.GetAsync(url);
        var again = await _owner.GetAsync(url);
        using var owner2 = await ConsoleClient.SignInAsync(factory, DemoAccounts.Owner2);

        Assert.Equal(NumbersOf(shown, a), NumbersOf(again, a));
        Assert.Null(again.QuerySelector("[data-testid=flash]"));
        Assert.Equal(1, await factory.ForInstanceAsync(a));
        Assert.Equal(HttpStatusCode.NotFound, (await owner2.Http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _owner.Http.GetAsync(url.Replace($"{a}%3A1", $"{a}%3A2", StringComparison.Ordinal).Replace($"{a}:1", $"{a}:2", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _owner.Http.GetAsync($"{Batch}/{Guid.NewGuid():N}?line={a}:1")).StatusCode);
    }

    [Fact]
    public async Task Review_MoreThan20Instances_ShowsTheLimitKeepsTheChoiceAndIssuesNothing()
    {
        var prefix = $"bt21-{Guid.NewGuid():N}"[..12];
        var ids = new List<string>();
        for (var i = 0; i < 21; i++)
        {
            ids.Add(await AddInstanceAsync(id: $"{prefix}-{i:D2}"));
        }

        var list = await _owner.GetAsync($"/icp-no/application?search={prefix}");
        var response = await PostAsync($"{Review}?search={prefix}", list, Selected([.. ids]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var back = await _owner.FollowAsync(response);
        Assert.Contains("You checked 21 instances; a batch takes at most 20.", back.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        // The list it came from, with every box on the page still checked.
        Assert.Equal(20, back.QuerySelectorAll("input[data-batch-select]:checked").Length);
        Assert.All(back.QuerySelectorAll("tr[data-instance-id]"), row => Assert.StartsWith(prefix, row.GetAttribute("data-instance-id"), StringComparison.Ordinal));
        Assert.Equal(0, await factory.WithDbAsync(db => db.ServiceNumbers.CountAsync(n => n.Instance.InstanceId.StartsWith(prefix))));
    }

    [Fact]
    public async Task Review_QuantityAboveFreeQuota_ShowsTheMessageBesideTheFieldKeepsWhatWasTypedAndIssuesNothing()
    {
        var (a, b) = (await AddInstanceAsync(), await AddInstanceAsync());
        await factory.AddNumbersAsync(_ownerId, a, 3);
        var list = await _owner.GetAsync($"/icp-no/application?search={a}");

        var back = await _owner.FollowAsync(await PostAsync($"{Review}?search={a}", list, Selected(a, b), Quantity(a, 3), Quantity(b, 1)));

        Assert.Contains($"Instance {a} can get between 1 and 2 numbers now.", back.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        var quantity = back.QuerySelector($"tr[data-instance-id='{a}'] input[data-batch-quantity]")!;
        Assert.Equal("3", quantity.GetAttribute("value"));
        Assert.Contains("is-invalid", quantity.ClassList);
        Assert.Contains("can get between 1 and 2", back.QuerySelector($"#quantity-error-{a}")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, await factory.ForInstanceAsync(a));
        Assert.Equal(0, await factory.ForInstanceAsync(b));
    }

    [Fact]
    public async Task Review_InstancesSharingOneQuota_MayNotAskForMoreThanItHasFree()
    {
        // Elastic Web Hosting counts against one quota per account: the demo owner has used 3 of its 5.
        var a = await AddInstanceAsync(type: IcpFiling.Core.Instances.InstanceType.ElasticWebHosting);
        var b = await AddInstanceAsync(type: IcpFiling.Core.Instances.InstanceType.ElasticWebHosting);
        var list = await _owner.GetAsync($"/icp-no/application?search={a}");

        var back = await _owner.FollowAsync(await PostAsync(Review, list, Selected(a, b), Quantity(a, 2), Quantity(b, 1)));

        Assert.Contains($"Instances {a}, {b} share one quota with 2 numbers free; ask for at most 2 across them.",
            back.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await factory.ForInstanceAsync(a) + await factory.ForInstanceAsync(b));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1e99")]
    public async Task Review_QuantityNotAWholeNumberOfAtLeastOne_ShowsAMessage(string typed)
    {
        var a = await AddInstanceAsync();
        var list = await _owner.GetAsync($"/icp-no/application?search={a}");

        var back = await _owner.FollowAsync(await PostAsync(Review, list, Selected(a), [new($"Quantity[{a}]", typed)]));

        Assert.Contains($"Enter how many numbers instance {a} should get", back.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await factory.ForInstanceAsync(a));
    }

    [Fact]
    public async Task Review_UnqualifiedInstance_ShowsItsReasonAndIssuesNothing()
    {
        var held = await AddInstanceAsync(i => i.OnHold = true);
        var list = await _owner.GetAsync($"/icp-no/application?search={held}");
        // No box is offered for it; the reason is shown instead.
        Assert.Null(list.QuerySelector($"tr[data-instance-id='{held}'] input[data-batch-select]"));
        Assert.NotNull(list.QuerySelector($"tr[data-instance-id='{held}'] [data-testid=reasons]"));

        var back = await _owner.FollowAsync(await PostAsync(Review, list, Selected(held), Quantity(held, 1)));

        var errors = back.QuerySelector("[data-testid=errors]")!.TextContent;
        Assert.Contains($"Instance {held} cannot get a service identification number:", errors, StringComparison.Ordinal);
        Assert.Contains("Under review by support.", errors, StringComparison.Ordinal);
        Assert.Equal(0, await factory.ForInstanceAsync(held));
    }

    [Fact]
    public async Task Review_NothingChecked_AsksForAnInstance()
    {
        var list = await _owner.GetAsync("/icp-no/application");

        var back = await _owner.FollowAsync(await PostAsync(Review, list));

        Assert.Contains("Check at least one instance to apply for.", back.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_InvalidQuantityPosted_ShowsTheListWithTheMessageAndIssuesNothing()
    {
        var a = await AddInstanceAsync();
        var list = await _owner.GetAsync("/icp-no/application");

        var back = await _owner.FollowAsync(await PostBatchAsync(list, Guid.NewGuid().ToString("N"), (a, 21)));

        Assert.Contains("Ask for between 1 and 20 numbers per instance.", back.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await factory.ForInstanceAsync(a));
    }

    [Fact]
    public async Task Batch_WithoutAntiforgeryToken_Returns400AndIssuesNothing()
    {
        var a = await AddInstanceAsync();

        var review = await _owner.PostAsync(Review, new Dictionary<string, string> { ["Selected"] = a, [$"Quantity[{a}]"] = "1" });
        var batch = await _owner.PostAsync(Batch, new Dictionary<string, string>
        {
            ["BatchKey"] = Guid.NewGuid().ToString("N"), ["Lines[0].InstanceId"] = a, ["Lines[0].Quantity"] = "1",
        });

        Assert.Equal(HttpStatusCode.BadRequest, review.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, batch.StatusCode);
        Assert.Equal(0, await factory.ForInstanceAsync(a));
    }

    [Fact]
    public async Task ConfirmAndReview_AnotherOwnersInstance_Return404()
    {
        var list = await _owner.GetAsync("/icp-no/application");

        var confirm = await _owner.Http.GetAsync($"{Batch}?line={DemoAccounts.Owner2Ecs}:1");
        var review = await PostAsync(Review, list, Selected(DemoAccounts.Owner2Ecs), Quantity(DemoAccounts.Owner2Ecs, 1));

        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, review.StatusCode);
    }

    [Fact]
    public async Task Confirm_QuotaUsedUpSinceTheChoice_GoesBackToTheListWithTheReason()
    {
        var a = await AddInstanceAsync();
        await factory.AddNumbersAsync(_ownerId, a, 4);

        var response = await _owner.Http.GetAsync($"{Batch}?line={a}:2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var back = await _owner.FollowAsync(response);
        Assert.Contains($"Instance {a} can get between 1 and 1 numbers now.", back.QuerySelector("[data-testid=flash]")!.TextContent, StringComparison.Ordinal);
    }

    private async Task<string> AddInstanceAsync(
        Action<IcpFiling.Core.Instances.Instance>? change = null, string? id = null, IcpFiling.Core.Instances.InstanceType type = IcpFiling.Core.Instances.InstanceType.Ecs)
    {
        id ??= $"bat-{Guid.NewGuid():N}"[..16];
        await factory.WithDbAsync(async db =>
        {
            db.Instances.Add(QualifiedInstance.Build(_ownerId, id, DateTime.UtcNow, type, change));
            return await db.SaveChangesAsync();
        });
        return id;
    }

    private static KeyValuePair<string, string>[] Selected(params string[] ids) => [.. ids.Select(id => new KeyValuePair<string, string>("Selected", id))];

    private static KeyValuePair<string, string>[] Quantity(string id, int quantity) =>
        [new($"Quantity[{id}]", quantity.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Posts fields (names may repeat, as checkboxes do) with the antiforgery token of <paramref name="page"/>.</summary>
    private Task<HttpResponseMessage> PostAsync(string url, IDocument page, params KeyValuePair<string, string>[][] fields)
    {
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return _owner.Http.PostAsync(url, new FormUrlEncodedContent(
            [.. fields.SelectMany(f => f), new KeyValuePair<string, string>("__RequestVerificationToken", token)]));
    }

    /// <summary>The batch as the dialog posts it: a key and each line.</summary>
    private Task<HttpResponseMessage> PostBatchAsync(IDocument page, string key, params (string InstanceId, int Quantity)[] lines) =>
        PostAsync(Batch, page,
            [new("BatchKey", key)],
            [.. lines.SelectMany((l, i) => new KeyValuePair<string, string>[]
            {
                new($"Lines[{i}].InstanceId", l.InstanceId),
                new($"Lines[{i}].Quantity", l.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            })]);

    private static Dictionary<string, string> HiddenFields(IDocument confirm) =>
        confirm.QuerySelectorAll("form[data-testid=batch-confirm] input[type=hidden]")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");

    private static List<string> NumbersOf(IDocument result, string instanceId) =>
        [.. result.QuerySelectorAll($"[data-testid=batch-result] tr[data-instance-id='{instanceId}'] a[data-number]").Select(a => a.GetAttribute("data-number")!)];
}
