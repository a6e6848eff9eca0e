using IcpFiling.Core.Changes;
using IcpFiling.Core.Filings;
using IcpFiling.Core.ServiceNumbers;
using static IcpFiling.IntegrationTests.Support.FilingCalls;

namespace IcpFiling.IntegrationTests.Support;

/// <summary>Filing races, run the same way against every database provider. Each call has its own DbContext.</summary>
internal static class FilingRaceScenarios
{
    /// <summary>20 filings for 20 different domains race for one unused number: one wins, 19 are told it is used.</summary>
    public static async Task TwentySubmitsWithOneNumberAsync(TestDatabase database, ITestOutputHelper output)
    {
        const int Racers = 20;
        var owner = await database.SeedAccountAsync("number-owner");
        var instance = await database.SeedInstanceAsync(owner, "i-one-number");
        var number = await database.IssueAsync(owner, instance.InstanceId, "only");
        var calls = Enumerable.Range(1, Racers)
            .Select(i => (Func<Task<Outcome<SubmittedFiling>>>)(() => database.SubmitWithNumberAsync(Request(owner, $"site{i:D2}.example.cn"), number)))
            .ToList();

        var outcome = await CallRace.RunAsync(calls);

        Report(output, $"{Racers} simultaneous filings with one number on {database.Description}", outcome);
        Assert.True(outcome.Exceptions.Count == 0, "Filings threw:\n" + string.Join("\n---\n", outcome.Exceptions));
        var winner = Outcomes.Done(Assert.Single(outcome.Results, r => r.Kind == OutcomeKind.Done));
        var refused = outcome.Results.Where(r => r.Kind == OutcomeKind.Refused).ToList();
        Assert.Equal(Racers - 1, refused.Count);
        Assert.All(refused, r => Assert.Equal(ServiceNumberUsability.AlreadyUsed, Outcomes.RefusedBecause(r)));

        var filing = Assert.Single(await database.FilingsAsync());
        Assert.Equal(winner.FilingId, filing.Id);
        var row = await database.NumberAsync(number);
        Assert.Equal(ServiceNumberStatus.Used, row.Status);
        Assert.Equal(row.Id, filing.ServiceNumberRef);
        var audit = await database.AuditAsync();
        Assert.Single(audit, a => a.Action == Core.Audit.AuditActions.NumberUsed);
        Assert.Single(audit, a => a.Action == Core.Audit.AuditActions.FilingSubmitted);
    }

    /// <summary>10 filings of one domain, each with a number of its own: one wins, 9 are told the domain is taken.</summary>
    public static async Task TenSubmitsForOneDomainAsync(TestDatabase database, ITestOutputHelper output)
    {
        const int Racers = 10;
        var owner = await database.SeedAccountAsync("domain-owner");
        var instance = await database.SeedInstanceAsync(owner, "i-ten-numbers", change: i => i.QuotaOverride = Racers);
        var numbers = new List<string>();
        for (var i = 1; i <= Racers; i++)
        {
            numbers.Add(await database.IssueAsync(owner, instance.InstanceId, $"n-{i}"));
        }

        var calls = numbers
            .Select(n => (Func<Task<Outcome<SubmittedFiling>>>)(() => database.SubmitWithNumberAsync(Request(owner, "例子.中国"), n)))
            .ToList();

        var outcome = await CallRace.RunAsync(calls);

        Report(output, $"{Racers} simultaneous filings of one domain on {database.Description}", outcome);
        Assert.True(outcome.Exceptions.Count == 0, "Filings threw:\n" + string.Join("\n---\n", outcome.Exceptions));
        var winner = Outcomes.Done(Assert.Single(outcome.Results, r => r.Kind == OutcomeKind.Done));
        var taken = outcome.Results.Where(r => r.Kind == OutcomeKind.Refused).ToList();
        Assert.Equal(Racers - 1, taken.Count);
        Assert.All(taken, t => Assert.Equal("The domain 例子.中国 already has a submitted ICP filing.", Outcomes.RefusedBecause(t)));

        var filing = Assert.Single(await database.FilingsAsync());
        Assert.Equal(winner.FilingId, filing.Id);
        var rows = await database.NumbersAsync();
        var used = Assert.Single(rows, n => n.Status == ServiceNumberStatus.Used);
        Assert.Equal(winner.Number, used.Number);
        Assert.Equal(used.Id, filing.ServiceNumberRef);
        Assert.Equal(Racers - 1, rows.Count(n => n.Status == ServiceNumberStatus.Unused && n.UsedAt is null));
    }

    /// <summary>10 direct selections of one domain on one instance (quota 10): one filing, and one number issued, not ten.</summary>
    public static async Task TenDirectSelectionsForOneDomainAsync(TestDatabase database, ITestOutputHelper output)
    {
        const int Racers = 10;
        var owner = await database.SeedAccountAsync("selector");
        var instance = await database.SeedInstanceAsync(owner, "i-direct-race", change: i => i.QuotaOverride = Racers);
        var calls = Enumerable.Range(1, Racers)
            .Select(i => (Func<Task<Outcome<SubmittedFiling>>>)(() => database.SubmitWithInstanceAsync(Request(owner, "example.cn"), instance.InstanceId, $"key-{i}")))
            .ToList();

        var outcome = await CallRace.RunAsync(calls);

        Report(output, $"{Racers} simultaneous direct selections of one domain on {database.Description}", outcome);
        Assert.True(outcome.Exceptions.Count == 0, "Filings threw:\n" + string.Join("\n---\n", outcome.Exceptions));
        var winner = Outcomes.Done(Assert.Single(outcome.Results, r => r.Kind == OutcomeKind.Done));
        Assert.Equal(Racers - 1, outcome.Results.Count(r => r.Kind == OutcomeKind.Refused && Outcomes.RefusedBecause(r).StartsWith("The domain", StringComparison.Ordinal)));
        var number = Assert.Single(await database.NumbersAsync());
        Assert.Equal((winner.Number, ServiceNumberStatus.Used, 1), (number.Number, number.Status, number.Slot));
        Assert.Equal(number.Id, Assert.Single(await database.FilingsAsync()).ServiceNumberRef);
        Assert.Equal(3, await database.AuditCountAsync());
    }

    /// <summary>A direct selection submitted 20 times at once with one key: one filing, one number, 19 replays of it.</summary>
    public static async Task TwentyDirectSelectionsWithOneKeyAsync(TestDatabase database, ITestOutputHelper output)
    {
        const int Racers = 20;
        var owner = await database.SeedAccountAsync("double-clicker");
        var instance = await database.SeedInstanceAsync(owner, "i-one-key");
        var calls = Enumerable.Range(1, Racers)
            .Select(_ => (Func<Task<Outcome<SubmittedFiling>>>)(() => database.SubmitWithInstanceAsync(Request(owner, "example.cn"), instance.InstanceId, "one-click")))
            .ToList();

        var outcome = await CallRace.RunAsync(calls);

        Report(output, $"{Racers} simultaneous direct selections with one key on {database.Description}", outcome);
        Assert.True(outcome.Exceptions.Count == 0, "Filings threw:\n" + string.Join("\n---\n", outcome.Exceptions));
        Assert.All(outcome.Results, r => Assert.True(r.Succeeded));
        var first = Outcomes.Done(Assert.Single(outcome.Results, r => r.Kind == OutcomeKind.Done));
        Assert.All(outcome.Results, r => Assert.Equal(first, r.Value));
        Assert.Single(await database.NumbersAsync());
        Assert.Equal(first.FilingId, Assert.Single(await database.FilingsAsync()).Id);
    }

    private static void Report(ITestOutputHelper output, string what, CallRaceOutcome<Outcome<SubmittedFiling>> outcome) =>
        output.WriteLine(
            $"{what}: {outcome.Elapsed.TotalMilliseconds:F0} ms (" +
            string.Join(", ", outcome.Results.GroupBy(r => r.Kind.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}")) +
            $", {outcome.Exceptions.Count} exceptions)");
}
