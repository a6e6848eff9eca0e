using IcpFiling.Core.Changes;
using IcpFiling.Core.Eligibility;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;

namespace IcpFiling.IntegrationTests.ServiceNumbers;

/// <summary>Batch apply on a real SQLite file: each number its own change, replays harmless, quotas held under concurrent batches.</summary>
public sealed class BatchApplicationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateSqliteAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Batch_IssuesEachLinesQuantity_AndTheSameBatchAgainAnswersWithTheSameNumbers()
    {
        var owner = await _database.SeedAccountAsync("owner");
        await _database.SeedInstanceAsync(owner, "i-a");
        await _database.SeedInstanceAsync(owner, "i-b");
        var request = new BatchApplyRequest(owner, "batch-1", [new("i-a", 2), new("i-b", 3)]);

        var first = await ApplyAsync(request);
        var again = await ApplyAsync(request);

        var result = Outcomes.Done(first);
        Assert.Equal([2, 3], result.Lines.Select(l => l.Numbers.Count));
        Assert.Equal(5, result.IssuedNow);
        Assert.Equal(OutcomeKind.Replayed, again.Kind);
        Assert.Equal(0, again.Value!.IssuedNow);
        Assert.Equal(result.Lines.SelectMany(l => l.Numbers).Select(n => n.Number), again.Value.Lines.SelectMany(l => l.Numbers).Select(n => n.Number));
        Assert.Equal(5, (await _database.NumbersAsync()).Count);
        Assert.Equal(5, await _database.AuditCountAsync());
    }

    [Fact]
    public async Task Batch_SameKeyWithOtherLines_IsRefusedWhole_AndIssuesNothingMore()
    {
        var owner = await _database.SeedAccountAsync("owner");
        await _database.SeedInstanceAsync(owner, "i-a");
        await _database.SeedInstanceAsync(owner, "i-b");
        Outcomes.Done(await ApplyAsync(new BatchApplyRequest(owner, "batch-k", [new("i-a", 1)])));

        var changed = await ApplyAsync(new BatchApplyRequest(owner, "batch-k", [new("i-a", 1), new("i-b", 2)]));

        Assert.Equal(OutcomeKind.Invalid, changed.Kind);
        Assert.Equal(nameof(BatchApplyRequest.BatchKey), Assert.Single(changed.Problems).Field);
        Assert.Single(await _database.NumbersAsync());
    }

    [Fact]
    public async Task Batch_TheSameKeyFromAnotherAccount_IsItsOwnBatch()
    {
        var owner = await _database.SeedAccountAsync("owner");
        var other = await _database.SeedAccountAsync("other");
        await _database.SeedInstanceAsync(owner, "i-a");
        await _database.SeedInstanceAsync(other, "i-z");

        Outcomes.Done(await ApplyAsync(new BatchApplyRequest(owner, "shared-key", [new("i-a", 1)])));
        var theirs = await ApplyAsync(new BatchApplyRequest(other, "shared-key", [new("i-z", 2)]));

        Assert.Equal(2, Outcomes.Done(theirs).IssuedNow);
    }

    [Fact]
    public async Task Batch_WhenOneInstanceIsRefused_KeepsTheOtherInstancesNumbers()
    {
        var owner = await _database.SeedAccountAsync("owner");
        await _database.SeedInstanceAsync(owner, "i-ok");
        await _database.SeedInstanceAsync(owner, "i-held", change: i => i.OnHold = true);

        var outcome = await ApplyAsync(new BatchApplyRequest(owner, "batch-2", [new("i-held", 1), new("i-ok", 2)]));

        var result = Outcomes.Done(outcome);
        var held = result.Lines[0];
        Assert.Empty(held.Numbers);
        Assert.Contains(held.Problems, p => p.Code == EligibilityRuleId.Hold.ToString());
        Assert.Equal(2, result.Lines[1].Numbers.Count);
        Assert.Equal(1, result.Refused);
        Assert.All(await _database.NumbersAsync(), n => Assert.Equal("instance:i-ok", n.QuotaKey));
    }

    [Fact]
    public async Task Batch_AskingBeyondTheFreeQuota_IssuesWhatFits_AndSaysWhyTheRestWasNot()
    {
        var owner = await _database.SeedAccountAsync("owner");
        await _database.SeedInstanceAsync(owner, "i-three-left");
        await _database.ApplyAsync(new ApplyRequest(owner, "i-three-left", "earlier-1"));
        await _database.ApplyAsync(new ApplyRequest(owner, "i-three-left", "earlier-2"));

        var outcome = await ApplyAsync(new BatchApplyRequest(owner, "batch-3", [new("i-three-left", 5)]));

        var line = Assert.Single(Outcomes.Done(outcome).Lines);
        Assert.Equal(3, line.IssuedNow);
        Assert.False(line.Complete);
        Assert.Equal(EligibilityRuleId.Quota.ToString(), Assert.Single(line.Problems).Code);
        Assert.Equal(5, (await _database.NumbersAsync()).Count);
    }

    [Fact]
    public async Task Batch_WithAnotherAccountsInstance_IssuesNothingForIt_AndDoesNotSayItExists()
    {
        var owner = await _database.SeedAccountAsync("owner");
        var other = await _database.SeedAccountAsync("other");
        await _database.SeedInstanceAsync(owner, "i-mine");
        await _database.SeedInstanceAsync(other, "i-theirs");

        var outcome = await ApplyAsync(new BatchApplyRequest(owner, "batch-4", [new("i-theirs", 1), new("i-mine", 1)]));

        var result = Outcomes.Done(outcome);
        Assert.Empty(result.Lines[0].Numbers);
        Assert.Equal("There is no instance i-theirs in your account.", Assert.Single(result.Lines[0].Problems).Message.ToEnglish());
        Assert.Single(result.Lines[1].Numbers);
        Assert.DoesNotContain(await _database.NumbersAsync(), n => n.AccountId == other);
    }

    [Fact]
    public async Task TwoSimultaneousBatches_OverTheSameTenInstances_NeverExceedAnyQuota()
    {
        var owner = await _database.SeedAccountAsync("owner");
        var instances = Enumerable.Range(1, 10).Select(i => $"i-race-{i:00}").ToList();
        foreach (var instance in instances)
        {
            await _database.SeedInstanceAsync(owner, instance);
        }

        // Each batch asks for every instance's whole quota (five), in opposite orders so they meet in the middle.
        var forward = new BatchApplyRequest(owner, "race-forward", [.. instances.Select(i => new BatchApplyLine(i, 5))]);
        var backward = new BatchApplyRequest(owner, "race-backward", [.. instances.AsEnumerable().Reverse().Select(i => new BatchApplyLine(i, 5))]);
        using var start = new SemaphoreSlim(0);
        var runs = new[] { forward, backward }.Select(request => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await ApplyAsync(request);
        })).ToList();
        start.Release(2);
        var outcomes = await Task.WhenAll(runs);

        var numbers = await _database.NumbersAsync();
        output.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Value!.IssuedNow} issued")));
        Assert.Equal(50, numbers.Count);
        Assert.All(numbers.GroupBy(n => n.QuotaKey), group => Assert.Equal([1, 2, 3, 4, 5], group.Select(n => n.Slot).Order()));
        Assert.Equal(50, outcomes.Sum(o => o.Value!.IssuedNow));
        Assert.All(outcomes.SelectMany(o => o.Value!.Lines).Where(l => !l.Complete),
            line => Assert.Equal(EligibilityRuleId.Quota.ToString(), Assert.Single(line.Problems).Code));
    }

    private async Task<Outcome<BatchApplyResult>> ApplyAsync(BatchApplyRequest request)
    {
        await using var db = _database.NewContext();
        return await new BatchApplication(_database.Issuer(db), _database.Runner(db)).ApplyAsync(request, CancellationToken.None);
    }
}
