using IcpFiling.IntegrationTests.Support;

namespace IcpFiling.IntegrationTests.Filings;

/// <summary>
/// The filing races against SQL Server, where read-committed transactions let racers interleave and the unique
/// indexes on Filings decide. Runs only when ICPFILING_TEST_SQLSERVER holds a connection string.
/// </summary>
public sealed class SqlServerFilingRaceTests(ITestOutputHelper output)
{
    [SkippableFact]
    public Task TwentySimultaneousSubmitWithNumber_WithOneUnusedNumber_OneIsSubmittedAndNineteenAreRefusedAsAlreadyUsed() =>
        RunAsync(FilingRaceScenarios.TwentySubmitsWithOneNumberAsync);

    [SkippableFact]
    public Task TenSimultaneousSubmitWithNumber_ForOneDomainWithTenNumbers_OneIsSubmittedAndOnlyItsNumberIsUsed() =>
        RunAsync(FilingRaceScenarios.TenSubmitsForOneDomainAsync);

    [SkippableFact]
    public Task TenSimultaneousSubmitWithInstance_ForOneDomain_OneIsSubmittedAndOneNumberIssued() =>
        RunAsync(FilingRaceScenarios.TenDirectSelectionsForOneDomainAsync);

    [SkippableFact]
    public Task TwentySimultaneousSubmitWithInstance_WithOneKey_StoreOneFilingAndReplayIt() =>
        RunAsync(FilingRaceScenarios.TwentyDirectSelectionsWithOneKeyAsync);

    private async Task RunAsync(Func<TestDatabase, ITestOutputHelper, Task> scenario)
    {
        var connectionString = Environment.GetEnvironmentVariable(SqlServerIssueRaceTests.ConnectionStringVariable);
        Skip.If(
            string.IsNullOrWhiteSpace(connectionString),
            $"No SQL Server: set {SqlServerIssueRaceTests.ConnectionStringVariable} to a connection string to run these races against it.");

        await using var database = await TestDatabase.CreateSqlServerAsync(connectionString!);
        await scenario(database, output);
    }
}
