using IcpFiling.IntegrationTests.Support;

namespace IcpFiling.IntegrationTests;

/// <summary>
/// The 50-way race against SQL Server, where transactions are read committed and the unique indexes,
/// not a database-wide write lock, decide the race. Runs only when ICPFILING_TEST_SQLSERVER holds a
/// connection string (a fresh database is created on that server and dropped afterwards).
/// </summary>
public sealed class SqlServerIssueRaceTests(ITestOutputHelper output)
{
    public const string ConnectionStringVariable = "ICPFILING_TEST_SQLSERVER";

    [SkippableFact]
    public Task FiftySimultaneousApplies_OnEcsInstanceWithFiveFreeSlots_IssueExactlyFive() => RunAsync(alreadyIssued: 0);

    [SkippableFact]
    public Task FiftySimultaneousApplies_OnEcsInstanceWithThreeNumbers_IssueExactlyTwoMore() => RunAsync(alreadyIssued: 3);

    private async Task RunAsync(int alreadyIssued)
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        Skip.If(
            string.IsNullOrWhiteSpace(connectionString),
            $"No SQL Server: set {ConnectionStringVariable} to a connection string (e.g. Server=localhost;User ID=sa;Password=...;TrustServerCertificate=True) to run this race against it.");

        await using var database = await TestDatabase.CreateSqlServerAsync(connectionString!);
        await RaceScenarios.FiftyAppliesOnOneEcsInstanceAsync(database, output, alreadyIssued);
    }
}
