using System.Text.RegularExpressions;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;
using Microsoft.Extensions.Logging;

namespace IcpFiling.IntegrationTests;

/// <summary>
/// The retry path under a real database server. Applies on one instance queue on its row lock and rarely
/// lose a race; applies on different instances that share one account quota (Elastic Web Hosting) each hold
/// their own instance's lock, read the same used count and insert the same slot: the unique (QuotaKey, Slot)
/// index refuses all but one, and the losers run again. Each lost race takes one slot away, so no apply can
/// need more than quota + 1 attempts, far below <see cref="ChangeRunner.MaxAttempts"/>.
/// </summary>
public sealed partial class PostgresContentionTests(ITestOutputHelper output)
{
    private const int Racers = 40;

    [SkippableFact]
    public async Task FortyApplies_OnInstancesSharingOneQuota_LoseSlotRacesAndRetry_WorstCaseFarBelowMaxAttempts()
    {
        const int SharedQuota = 5;
        await using var database = await TestDatabase.CreatePostgresAsync();
        var owner = await database.SeedAccountAsync("contended");
        var instances = new List<Instance>();
        for (var i = 1; i <= Racers; i++)
        {
            instances.Add(await database.SeedInstanceAsync(owner, $"ewh-{i:D2}", InstanceType.ElasticWebHosting));
        }

        var attempts = await RaceAsync(database, instances.Select((instance, i) => new ApplyRequest(owner, instance.InstanceId, $"key-{i}")).ToList());

        var retries = attempts.Sum(a => a.Attempts - 1);
        var worst = attempts.Max(a => a.Attempts);
        output.WriteLine(
            $"{Racers} simultaneous applies on {Racers} instances sharing a quota of {SharedQuota} on {database.Description}: " +
            $"{retries} retries in all, {attempts.Count(a => a.Attempts > 1)} applies retried, worst case {worst} attempts (MaxAttempts {ChangeRunner.MaxAttempts})");
        Assert.Equal(SharedQuota, attempts.Count(a => a.Outcome.Kind == OutcomeKind.Done));
        Assert.All(attempts.Where(a => a.Outcome.Kind != OutcomeKind.Done), a =>
            Assert.Equal(EligibilityRuleId.Quota, Assert.Single(Outcomes.Rules(a.Outcome.Problems))));
        Assert.Equal(Enumerable.Range(1, SharedQuota), (await database.NumbersAsync()).Select(n => n.Slot));
        Assert.True(retries > 0, "Forty applies read the same used count on separate connections, yet none lost a slot race.");
        Assert.InRange(worst, 1, SharedQuota + 1);
        Assert.True(worst * 4 <= ChangeRunner.MaxAttempts, $"Worst case {worst} attempts is not far below MaxAttempts {ChangeRunner.MaxAttempts}.");
    }

    [SkippableFact]
    public async Task FortyApplies_OnOneInstance_QueueOnItsRowLock_IssueTheQuotaAndRarelyRetry()
    {
        const int Quota = 5;
        await using var database = await TestDatabase.CreatePostgresAsync();
        var owner = await database.SeedAccountAsync("queued");
        var instance = await database.SeedInstanceAsync(owner, "i-queued");

        var attempts = await RaceAsync(database, Enumerable.Range(1, Racers).Select(i => new ApplyRequest(owner, instance.InstanceId, $"key-{i}")).ToList());

        var worst = attempts.Max(a => a.Attempts);
        output.WriteLine(
            $"{Racers} simultaneous applies on one instance on {database.Description}: {attempts.Sum(a => a.Attempts - 1)} retries in all, " +
            $"worst case {worst} attempts (MaxAttempts {ChangeRunner.MaxAttempts})");
        Assert.Equal(Quota, attempts.Count(a => a.Outcome.Kind == OutcomeKind.Done));
        Assert.Equal(Racers - Quota, attempts.Count(a => a.Outcome.Kind == OutcomeKind.Refused));
        Assert.Equal(Enumerable.Range(1, Quota), (await database.NumbersAsync()).Select(n => n.Slot));
        Assert.True(worst * 4 <= ChangeRunner.MaxAttempts, $"Worst case {worst} attempts is not far below MaxAttempts {ChangeRunner.MaxAttempts}.");
    }

    /// <summary>
    /// All requests at once, each on its own connection; how many attempts each took, read from the issuer's
    /// Debug line (no line: answered on the first attempt), which must name the instance.
    /// </summary>
    private static async Task<List<(Outcome<IssuedNumber> Outcome, int Attempts)>> RaceAsync(TestDatabase database, List<ApplyRequest> requests)
    {
        using var gate = new SemaphoreSlim(0);
        var tasks = requests.Select(request => Task.Run(async () =>
        {
            var log = new ListLogger<ServiceNumberIssuer>();
            await gate.WaitAsync();
            await using var db = database.NewContext();
            var issuer = new ServiceNumberIssuer(database.Runner(db), database.Standings(db), log);
            var outcome = await issuer.ApplyAsync(request, CancellationToken.None);
            var retried = log.Entries.Where(e => e.Level == LogLevel.Debug).Select(e => e.Message).SingleOrDefault();
            if (retried is null)
            {
                return (outcome, 1);
            }

            Assert.Contains($"instance {request.InstanceId} ", retried, StringComparison.Ordinal);
            return (outcome, int.Parse(AttemptsLine().Match(retried).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        })).ToList();

        gate.Release(requests.Count);
        return [.. await Task.WhenAll(tasks)];
    }

    [GeneratedRegex("answered on attempt ([0-9]+)$")]
    private static partial Regex AttemptsLine();
}
