using IcpFiling.Core.Changes;
using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;

namespace IcpFiling.IntegrationTests;

/// <summary>Simultaneous applies against a real SQLite file: the quota holds and nothing throws.</summary>
public sealed class SqliteIssueRaceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateSqliteAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public Task FiftySimultaneousApplies_OnEcsInstanceWithFiveFreeSlots_IssueExactlyFive() =>
        RaceScenarios.FiftyAppliesOnOneEcsInstanceAsync(_database, output, alreadyIssued: 0);

    [Fact]
    public Task FiftySimultaneousApplies_OnEcsInstanceWithThreeNumbers_IssueExactlyTwoMore() =>
        RaceScenarios.FiftyAppliesOnOneEcsInstanceAsync(_database, output, alreadyIssued: 3);

    [Fact]
    public async Task SimultaneousApplies_OnTwoElasticWebHostingInstancesOfOneOwner_ShareOneQuotaOfFive()
    {
        var owner = await _database.SeedAccountAsync("shared-owner");
        var other = await _database.SeedAccountAsync("other-owner");
        var a = await _database.SeedInstanceAsync(owner, "ewh-a", InstanceType.ElasticWebHosting);
        var b = await _database.SeedInstanceAsync(owner, "ewh-b", InstanceType.ElasticWebHosting);
        var theirs = await _database.SeedInstanceAsync(other, "ewh-theirs", InstanceType.ElasticWebHosting);
        List<ApplyRequest> requests =
        [
            .. Enumerable.Range(1, 3).Select(i => new ApplyRequest(owner, a.InstanceId, $"a-{i}")),
            .. Enumerable.Range(1, 3).Select(i => new ApplyRequest(owner, b.InstanceId, $"b-{i}")),
            new ApplyRequest(other, theirs.InstanceId, "theirs-1"),
        ];

        var outcome = await Race.RunAsync(_database, requests);

        output.WriteLine($"{requests.Count} simultaneous applies on Elastic Web Hosting: {outcome.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Empty(outcome.Exceptions);
        var sharedKey = $"account:{owner}:ElasticWebHosting";
        var ownersIssued = outcome.Issued.Where(i => i.QuotaKey == sharedKey).ToList();
        Assert.Equal(5, ownersIssued.Count);
        Assert.Equal(Enumerable.Range(1, 5), ownersIssued.Select(i => i.Slot).Order());
        Assert.Contains(ownersIssued, i => i.InstanceId == a.InstanceId);
        Assert.Contains(ownersIssued, i => i.InstanceId == b.InstanceId);
        var refused = Assert.Single(outcome.Refused);
        Assert.Equal(EligibilityRuleId.Quota, Assert.Single(Outcomes.Rules(refused)));

        var theirsIssued = Assert.Single(outcome.Issued, i => i.InstanceId == theirs.InstanceId);
        Assert.Equal($"account:{other}:ElasticWebHosting", theirsIssued.QuotaKey);
        Assert.Equal(1, theirsIssued.Slot);

        var rows = await _database.NumbersAsync();
        Assert.Equal(Enumerable.Range(1, 5), rows.Where(n => n.QuotaKey == sharedKey).Select(n => n.Slot));
        Assert.Equal(6, rows.Count);
    }

    [Fact]
    public async Task TwentySimultaneousApplies_WithTheSameKey_IssueOneNumberAndAllCarryIt()
    {
        var owner = await _database.SeedAccountAsync("double-clicker");
        var instance = await _database.SeedInstanceAsync(owner, "i-double");
        var requests = Enumerable.Repeat(new ApplyRequest(owner, instance.InstanceId, "one-click"), 20).ToList();

        var outcome = await Race.RunAsync(_database, requests);

        output.WriteLine($"20 simultaneous applies with one key: {outcome.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Empty(outcome.Exceptions);
        var issued = Assert.Single(outcome.Issued);
        Assert.Equal(19, outcome.Replayed.Count);
        Assert.All(outcome.Replayed, replayed => Assert.Equal(issued.Number, replayed.Number));
        var row = Assert.Single(await _database.NumbersAsync());
        Assert.Equal(issued.Number, row.Number);
        Assert.Equal(1, await _database.AuditCountAsync());
    }

    [Fact]
    public async Task SimultaneousApplies_WithOneKeyOnTwoInstances_IssueOnceAndTheOtherInstanceSeesKeyReused()
    {
        var owner = await _database.SeedAccountAsync("confused-client");
        var a = await _database.SeedInstanceAsync(owner, "i-key-a");
        var b = await _database.SeedInstanceAsync(owner, "i-key-b");
        List<ApplyRequest> requests =
        [
            .. Enumerable.Repeat(new ApplyRequest(owner, a.InstanceId, "same-key"), 10),
            .. Enumerable.Repeat(new ApplyRequest(owner, b.InstanceId, "same-key"), 10),
        ];

        var outcome = await Race.RunAsync(_database, requests);

        Assert.Empty(outcome.Exceptions);
        var issued = Assert.Single(outcome.Issued);
        var winner = issued.InstanceId;
        Assert.Equal(9, outcome.Replayed.Count);
        Assert.All(outcome.Replayed, r => Assert.Equal(issued.Number, r.Number));
        var reused = outcome.Results.Where(r => r.Kind == OutcomeKind.Invalid).ToList();
        Assert.Equal(10, reused.Count);
        Assert.All(reused, r => Assert.Equal(IssuerMessages.KeyReused, Assert.Single(r.Problems).Message.ToEnglish()));
        Assert.Single(await _database.NumbersAsync());
    }
}
