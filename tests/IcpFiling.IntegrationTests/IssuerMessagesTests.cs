using IcpFiling.Core.Eligibility;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;

namespace IcpFiling.IntegrationTests;

/// <summary>What the issuer tells the owner, word for word: issued, replayed, refused with its reasons under the instance.</summary>
public sealed class IssuerMessagesTests : IAsyncLifetime
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
    public async Task Apply_Issued_NamesTheNumberAndTheInstance()
    {
        await _database.SeedInstanceAsync(_owner, "i-1");

        var outcome = await _database.ApplyAsync(new ApplyRequest(_owner, "i-1", "k1"));

        var issued = Outcomes.Done(outcome);
        Assert.Equal($"Service identification number {issued.Number} has been issued for instance i-1.", outcome.Message!.ToEnglish());
        Assert.Equal(("i-1", "instance:i-1", 1, _database.UtcNow), (issued.InstanceId, issued.QuotaKey, issued.Slot, issued.IssuedAt));
    }

    [Fact]
    public async Task Apply_Replayed_SaysNothingNewWasIssuedAndNamesTheFirstNumber()
    {
        await _database.SeedInstanceAsync(_owner, "i-1");
        var first = Outcomes.Done(await _database.ApplyAsync(new ApplyRequest(_owner, "i-1", "k1")));

        var outcome = await _database.ApplyAsync(new ApplyRequest(_owner, "i-1", "k1"));

        Assert.Equal(first, Outcomes.Replayed(outcome));
        Assert.Equal(
            $"This request was already processed: number {first.Number} was issued for instance i-1. Nothing new was issued.",
            outcome.Message!.ToEnglish());
    }

    [Fact]
    public async Task Apply_Refused_SummarisesForTheInstanceAndListsEachRuleUnderTheInstanceField()
    {
        await _database.SeedInstanceAsync(_owner, "i-1", change: i => i.OnHold = true);

        var outcome = await _database.ApplyAsync(new ApplyRequest(_owner, "i-1", "k1"));

        var problems = Outcomes.Refused(outcome);
        Assert.Equal("No number was issued for instance i-1.", outcome.Message!.ToEnglish());
        Assert.Equal([EligibilityRuleId.Hold], Outcomes.Rules(problems));
        Assert.All(problems, p => Assert.Equal("InstanceId", p.Field));
        Assert.Empty(await _database.NumbersAsync());
    }
}
