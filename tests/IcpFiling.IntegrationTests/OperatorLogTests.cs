using IcpFiling.Core.Changes;
using IcpFiling.Core.Filings;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;
using Microsoft.Extensions.Logging;
using static IcpFiling.IntegrationTests.Support.FilingCalls;

namespace IcpFiling.IntegrationTests;

/// <summary>What operators read in the log: one line for each issue, refusal and closing, and nothing for what never happened.</summary>
public sealed class OperatorLogTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _owner = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _owner = await _database.SeedAccountAsync("owner");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Apply_LogsTheIssuedNumberAndARefusalWithItsReasonsButNothingForAnUnknownInstance()
    {
        await _database.SeedInstanceAsync(_owner, "i-1");
        await _database.SeedInstanceAsync(_owner, "i-held", change: i => i.OnHold = true);

        var (issuedOutcome, issuedLog) = await ApplyAsync("i-1", "k1");
        var (refusedOutcome, refusedLog) = await ApplyAsync("i-held", "k2");
        var (notFoundOutcome, notFoundLog) = await ApplyAsync("i-unknown", "k3");

        var issued = Outcomes.Done(issuedOutcome);
        Outcomes.Refused(refusedOutcome);
        Outcomes.NotFound(notFoundOutcome);

        Assert.Equal(
            [(LogLevel.Information, $"Issued service number {issued.Number} for instance i-1 to account {_owner} (slot 1 of instance:i-1)")],
            issuedLog.Entries);
        var refused = Assert.Single(refusedLog.Entries);
        Assert.Equal(LogLevel.Information, refused.Level);
        Assert.StartsWith($"Apply for instance i-held by account {_owner} refused: ", refused.Message, StringComparison.Ordinal);
        Assert.Empty(notFoundLog.Entries);
    }

    [Fact]
    public async Task Close_LogsTheClosingOnceAndNothingWhenItIsRefused()
    {
        await _database.SeedInstanceAsync(_owner, "i-1");
        var filing = Outcomes.Done(await _database.SubmitWithInstanceAsync(Request(_owner, "example.cn"), "i-1", "k1"));

        var closedLog = new ListLogger<FilingCommands>();
        Outcomes.Done(await CloseAsync(filing.FilingId, closedLog));
        var refusedLog = new ListLogger<FilingCommands>();
        Outcomes.Refused(await CloseAsync(filing.FilingId, refusedLog));

        Assert.Equal(
            [(LogLevel.Information, $"Filing {filing.FilingId} of account {_owner} changed to Cancelled")],
            closedLog.Entries);
        Assert.Empty(refusedLog.Entries);
    }

    private async Task<(Outcome<IssuedNumber> Outcome, ListLogger<ServiceNumberIssuer> Log)> ApplyAsync(string instanceId, string key)
    {
        var log = new ListLogger<ServiceNumberIssuer>();
        await using var db = _database.NewContext();
        var issuer = new ServiceNumberIssuer(_database.Runner(db), _database.Standings(db), log);
        return (await issuer.ApplyAsync(new ApplyRequest(_owner, instanceId, key), CancellationToken.None), log);
    }

    private async Task<Outcome<long>> CloseAsync(long filingId, ListLogger<FilingCommands> log)
    {
        await using var db = _database.NewContext();
        var runner = _database.Runner(db);
        var filings = new FilingCommands(runner, _database.Issuer(db, runner), log);
        return await filings.CloseAsync(_owner, filingId, FilingStatus.Cancelled, "corr-close", CancellationToken.None);
    }
}
