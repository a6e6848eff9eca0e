using IcpFiling.IntegrationTests.Support;

namespace IcpFiling.IntegrationTests.Filings;

/// <summary>Simultaneous filings against a real SQLite file: a number is used once, a domain filed once, and nothing throws.</summary>
public sealed class SqliteFilingRaceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateSqliteAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public Task TwentySimultaneousSubmitWithNumber_WithOneUnusedNumber_OneIsSubmittedAndNineteenAreRefusedAsAlreadyUsed() =>
        FilingRaceScenarios.TwentySubmitsWithOneNumberAsync(_database, output);

    [Fact]
    public Task TenSimultaneousSubmitWithNumber_ForOneDomainWithTenNumbers_OneIsSubmittedAndOnlyItsNumberIsUsed() =>
        FilingRaceScenarios.TenSubmitsForOneDomainAsync(_database, output);

    [Fact]
    public Task TenSimultaneousSubmitWithInstance_ForOneDomain_OneIsSubmittedAndOneNumberIssued() =>
        FilingRaceScenarios.TenDirectSelectionsForOneDomainAsync(_database, output);

    [Fact]
    public Task TwentySimultaneousSubmitWithInstance_WithOneKey_StoreOneFilingAndReplayIt() =>
        FilingRaceScenarios.TwentyDirectSelectionsWithOneKeyAsync(_database, output);
}
