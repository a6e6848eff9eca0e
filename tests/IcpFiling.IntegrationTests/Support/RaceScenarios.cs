using IcpFiling.Core.Audit;
using IcpFiling.Core.Eligibility;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.IntegrationTests.Support;

/// <summary>Races run the same way against every database provider.</summary>
internal static class RaceScenarios
{
    public const int Racers = 50;

    /// <summary>
    /// <paramref name="alreadyIssued"/> numbers are issued first, one by one; then 50 distinct requests race
    /// for the instance's remaining slots of its quota of 5. Exactly the free slots are issued, the rest are
    /// refused on the quota rule, and nothing throws.
    /// </summary>
    public static async Task FiftyAppliesOnOneEcsInstanceAsync(TestDatabase database, ITestOutputHelper output, int alreadyIssued)
    {
        const int Quota = 5;
        var free = Quota - alreadyIssued;
        var owner = await database.SeedAccountAsync("racer");
        var instance = await database.SeedInstanceAsync(owner, "i-race0001");
        for (var i = 1; i <= alreadyIssued; i++)
        {
            Outcomes.Done(await database.ApplyAsync(new ApplyRequest(owner, instance.InstanceId, $"before-{i}")));
        }

        var requests = Enumerable.Range(1, Racers)
            .Select(i => new ApplyRequest(owner, instance.InstanceId, $"race-{i:D2}"))
            .ToList();

        var outcome = await Race.RunAsync(database, requests);

        output.WriteLine(
            $"{Racers} simultaneous applies, {alreadyIssued} already issued, on {database.Description}: {outcome.Elapsed.TotalMilliseconds:F0} ms " +
            $"({outcome.Issued.Count} issued, {outcome.Refused.Count} refused, {outcome.Exceptions.Count} exceptions)");
        Assert.True(outcome.Exceptions.Count == 0, "Applies threw:\n" + string.Join("\n---\n", outcome.Exceptions));
        Assert.Equal(free, outcome.Issued.Count);
        Assert.Equal(Racers - free, outcome.Refused.Count);
        Assert.Equal(Racers, outcome.Results.Count);
        Assert.All(outcome.Refused, refused =>
        {
            var reason = Assert.Single(refused);
            Assert.Equal(EligibilityRuleId.Quota, Assert.Single(Outcomes.Rules(refused)));
            Assert.Equal($"Quota used up ({Quota}/{Quota}).", reason.Message.ToEnglish());
        });

        var rows = await database.NumbersAsync();
        Assert.Equal(Enumerable.Range(1, Quota), rows.Select(n => n.Slot));
        Assert.Equal(Quota, rows.Select(n => n.Number).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rows, n => Assert.Equal("instance:" + instance.InstanceId, n.QuotaKey));
        Assert.Equal(
            outcome.Issued.Select(i => i.Number).Order(StringComparer.Ordinal),
            rows.Where(n => n.IdempotencyKey.StartsWith("race-", StringComparison.Ordinal)).Select(n => n.Number).Order(StringComparer.Ordinal));
        Assert.Equal(
            Enumerable.Range(alreadyIssued + 1, free),
            outcome.Issued.Select(i => i.Slot).Order());

        await using var db = database.NewContext();
        var audited = await db.AuditEntries.Where(a => a.Action == AuditActions.NumberIssued).Select(a => a.SubjectId).ToListAsync();
        Assert.Equal(rows.Select(n => n.Number).Order(StringComparer.Ordinal), audited.Order(StringComparer.Ordinal));
    }
}
