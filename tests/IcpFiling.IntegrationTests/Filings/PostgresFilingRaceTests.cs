using IcpFiling.IntegrationTests.Support;

namespace IcpFiling.IntegrationTests.Filings;

/// <summary>
/// The filing races against a real PostgreSQL server, where read-committed racers interleave and the unique
/// indexes on Filings (the partial one on submitted domains among them) decide.
/// </summary>
public sealed class PostgresFilingRaceTests(ITestOutputHelper output)
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
        await using var database = await TestDatabase.CreatePostgresAsync();
        await scenario(database, output);
    }
}
