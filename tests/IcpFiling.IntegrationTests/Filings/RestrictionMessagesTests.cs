using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcpFiling.IntegrationTests.Filings;

/// <summary>What restricting a number tells its owner, word for word, and the guard against a change made meanwhile.</summary>
public sealed class RestrictionMessagesTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _owner = null!;
    private string _named = null!;
    private string _number = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _owner = await _database.SeedAccountAsync("owner");
        _named = await _database.SeedAccountAsync("named");
        await _database.SeedAccountAsync("other");
        await _database.SeedInstanceAsync(_owner, "i-restricted");
        _number = await _database.IssueAsync(_owner, "i-restricted", "k");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Restrict_AndLift_SayWhoMayUseTheNumberNow()
    {
        var restricted = await _database.RestrictAsync(_owner, _number, " named@example.com ");
        var same = await _database.RestrictAsync(_owner, _number, "named@example.com");
        var lifted = await _database.RestrictAsync(_owner, _number, null);

        Assert.Equal(RestrictionChange.Restricted, Outcomes.Done(restricted));
        Assert.Equal($"Number {_number} can now be used only by named@example.com.", restricted.Message!.ToEnglish());
        Assert.Equal(RestrictionChange.Restricted, Outcomes.Replayed(same));
        Assert.Equal("Nothing was changed.", same.Message!.ToEnglish());
        Assert.Equal(RestrictionChange.Lifted, Outcomes.Done(lifted));
        Assert.Equal($"Number {_number} can now be used by any account.", lifted.Message!.ToEnglish());
    }

    [Fact]
    public async Task Restrict_ToAnUnknownEmail_SaysNoAccountUsesIt()
    {
        var outcome = await _database.RestrictAsync(_owner, _number, "nobody@example.com");

        Assert.Equal(
            new Dictionary<string, string> { ["Email"] = "No account uses that e-mail address." },
            Outcomes.ByField(Outcomes.Invalid(outcome)));
    }

    [Fact]
    public async Task Restrict_WhenAnotherRequestRestrictedTheNumberAfterItWasRead_IsRefusedAndRestrictsNobody()
    {
        var other = new BeforeCommand(
            """UPDATE "ServiceNumbers" SET "RestrictedToAccountId" = (SELECT "Id" FROM "AspNetUsers" WHERE "UserName" = 'other') WHERE "Number" = $number""",
            new Dictionary<string, object> { ["$number"] = _number },
            "UPDATE \"ServiceNumbers\"", "\"RestrictedToAccountId\" =");
        await using var db = _database.NewContext(other);
        var restrictions = new RestrictionCommands(_database.Runner(db), NullLogger<RestrictionCommands>.Instance);

        var outcome = await restrictions.RestrictAsync(new RestrictionRequest(_owner, _number, "named@example.com"), CancellationToken.None);

        Assert.True(other.Ran);
        Assert.Equal("Only unused numbers can be restricted; nothing was changed.", Outcomes.RefusedBecause(outcome));
        Assert.Null((await _database.NumberAsync(_number)).RestrictedToAccountId);
    }

    [Fact]
    public async Task Restrict_WithoutARequest_ThrowsNamingIt()
    {
        await using var db = _database.NewContext();
        var restrictions = new RestrictionCommands(_database.Runner(db), NullLogger<RestrictionCommands>.Instance);

        var thrown = await Assert.ThrowsAsync<ArgumentNullException>(() => restrictions.RestrictAsync(null!, CancellationToken.None));

        Assert.Equal("request", thrown.ParamName);
    }

    [Fact]
    public async Task Lift_WhenTheNumberIsNotRestricted_IsReplayedAsLifted()
    {
        var outcome = await _database.RestrictAsync(_owner, _number, "   ");

        Assert.Equal(RestrictionChange.Lifted, Outcomes.Replayed(outcome));
        Assert.Equal("Nothing was changed.", outcome.Message!.ToEnglish());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-number")]
    public async Task Restrict_AMalformedNumber_IsNotFoundWithoutTouchingTheDatabaseWhateverTheEmail(string? number)
    {
        var counter = new CommandCounter();
        await using var db = _database.NewContext(counter);
        var restrictions = new RestrictionCommands(_database.Runner(db), NullLogger<RestrictionCommands>.Instance);

        var outcome = await restrictions.RestrictAsync(new RestrictionRequest(_owner, number, "nobody@example.com"), CancellationToken.None);

        Outcomes.NotFound(outcome);
        Assert.Equal(0, counter.Count);
    }
}
