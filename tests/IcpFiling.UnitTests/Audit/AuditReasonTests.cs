using IcpFiling.Core;
using IcpFiling.Core.Audit;

namespace IcpFiling.UnitTests.Audit;

/// <summary>The reason a person gives for a change: required, trimmed, at most 500 characters, always about the Reason field.</summary>
public sealed class AuditReasonTests
{
    [Theory]
    [InlineData("Abuse report 42", "Abuse report 42")]
    [InlineData("  Abuse report 42\t", "Abuse report 42")]
    public void Normalize_AGivenReason_IsTrimmedWithoutAProblem(string input, string expected)
    {
        Assert.Equal(expected, AuditReason.Normalize(input, out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Normalize_AReasonOfExactlyTheLimitAfterTrimming_IsKept()
    {
        var reason = new string('r', InputLimits.ReasonMaxLength);

        Assert.Equal(reason, AuditReason.Normalize("  " + reason + "  ", out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    public void Normalize_NoReason_IsRequiredOnTheReasonField(string? input)
    {
        Assert.Null(AuditReason.Normalize(input, out var problem));
        Assert.Equal(("Reason", "Enter a reason."), (problem!.Field, problem.Message.ToEnglish()));
    }

    [Fact]
    public void Normalize_AReasonOneOverTheLimit_IsTooLongOnTheReasonField()
    {
        Assert.Null(AuditReason.Normalize(new string('r', InputLimits.ReasonMaxLength + 1), out var problem));
        Assert.Equal(("Reason", "The reason can be at most 500 characters long."), (problem!.Field, problem.Message.ToEnglish()));
    }
}
