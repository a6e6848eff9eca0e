using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;

namespace IcpFiling.UnitTests.Changes;

/// <summary>What every command answers: which outcomes succeeded, and how a failure travels to another command's outcome.</summary>
public sealed class OutcomeTests
{
    [Theory]
    [InlineData(OutcomeKind.Done, true)]
    [InlineData(OutcomeKind.Replayed, true)]
    [InlineData(OutcomeKind.NotFound, false)]
    [InlineData(OutcomeKind.Refused, false)]
    [InlineData(OutcomeKind.Invalid, false)]
    public void Succeeded_OnlyWhenDoneOrReplayed(OutcomeKind kind, bool succeeded)
    {
        Assert.Equal(succeeded, Of(kind).Succeeded);
    }

    [Theory]
    [InlineData(OutcomeKind.Done)]
    [InlineData(OutcomeKind.Replayed)]
    public void Failure_OfASuccess_Throws(OutcomeKind kind)
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => Of(kind).Failure<string>());

        Assert.Equal("A successful outcome is not a failure.", thrown.Message);
    }

    [Fact]
    public void Failure_OfARefusal_CarriesItsKindSummaryAndProblemsToAnotherOutcome()
    {
        var problem = new Problem("InstanceId", new Notice("Instance {0} is stopped.", "i-1"), "Running");
        Outcome<int> refused = Outcome.Refused(new Notice("No number was issued for instance {0}.", "i-1"), problem);

        var carried = refused.Failure<string>();

        Assert.Equal(OutcomeKind.Refused, carried.Kind);
        Assert.Null(carried.Value);
        Assert.Equal("No number was issued for instance i-1.", carried.Message!.ToEnglish());
        Assert.Equal([problem], carried.Problems);
    }

    [Fact]
    public void RefusedAndInvalid_OfOneField_NameTheFieldAndFormatTheMessage()
    {
        Outcome<int> refused = Outcome.Refused("Quota", "at most {0}", 10);
        Outcome<int> invalid = Outcome.Invalid("Reason", "Enter a reason.");

        Assert.Equal((OutcomeKind.Refused, "Quota", "at most 10"), (refused.Kind, Assert.Single(refused.Problems).Field, refused.Problems[0].Message.ToEnglish()));
        Assert.Equal((OutcomeKind.Invalid, "Reason", "Enter a reason."), (invalid.Kind, Assert.Single(invalid.Problems).Field, invalid.Problems[0].Message.ToEnglish()));
        Assert.Null(refused.Message);
        Assert.Null(invalid.Message);
    }

    [Fact]
    public void NotFound_HasNoMessageAndNoProblems()
    {
        Outcome<int> notFound = Outcome.NotFound;

        Assert.Equal(OutcomeKind.NotFound, notFound.Kind);
        Assert.Null(notFound.Message);
        Assert.Empty(notFound.Problems);
    }

    [Fact]
    public void DoneAndReplayed_CarryTheValueAndTheMessageWithoutProblems()
    {
        var done = Outcome.Done(7, new Notice("Number {0} issued.", "n-7"));
        var replayed = Outcome.Replayed(7, new Notice("Already issued."));

        Assert.Equal((OutcomeKind.Done, 7, "Number n-7 issued."), (done.Kind, done.Value, done.Message!.ToEnglish()));
        Assert.Equal((OutcomeKind.Replayed, 7, "Already issued."), (replayed.Kind, replayed.Value, replayed.Message!.ToEnglish()));
        Assert.Empty(done.Problems);
        Assert.Empty(replayed.Problems);
    }

    [Fact]
    public void Notice_ToEnglish_FormatsNumbersInvariantly()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");

            Assert.Equal("1,234.5", new Notice("{0:N1}", 1234.5).ToEnglish());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Actors_NameTheirRoleAndCarryTheCorrelationId()
    {
        Assert.Equal(new Actor("a-1", Roles.Owner, "c-1"), Actor.Owner("a-1", "c-1"));
        Assert.Equal(new Actor("a-2", Roles.Support, "c-2"), Actor.Support("a-2", "c-2"));
        Assert.Equal(new Actor("anonymous", null, "c-3"), Actor.Anonymous("c-3"));
    }

    private static Outcome<int> Of(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Done => Outcome.Done(1, new Notice("done")),
        OutcomeKind.Replayed => Outcome.Replayed(1, new Notice("again")),
        OutcomeKind.NotFound => Outcome.NotFound,
        OutcomeKind.Refused => Outcome.Refused(field: null, "no"),
        _ => Outcome.Invalid(field: null, "bad"),
    };
}
