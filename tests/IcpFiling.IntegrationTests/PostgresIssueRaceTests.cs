using IcpFiling.IntegrationTests.Support;

namespace IcpFiling.IntegrationTests;

/// <summary>
/// The 50-way race against a real PostgreSQL server (the run's throw-away cluster): read-committed transactions
/// on separate connections, the instance-row lock and the unique indexes decide, not a database-wide write lock.
/// </summary>
public sealed class PostgresIssueRaceTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task FiftySimultaneousApplies_OnEcsInstanceWithFiveFreeSlots_IssueExactlyFive()
    {
        await using var database = await TestDatabase.CreatePostgresAsync();
        await RaceScenarios.FiftyAppliesOnOneEcsInstanceAsync(database, output, alreadyIssued: 0);
    }

    [SkippableFact]
    public async Task FiftySimultaneousApplies_OnEcsInstanceWithThreeNumbers_IssueExactlyTwoMore()
    {
        await using var database = await TestDatabase.CreatePostgresAsync();
        await RaceScenarios.FiftyAppliesOnOneEcsInstanceAsync(database, output, alreadyIssued: 3);
    }
}
