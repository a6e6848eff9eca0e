using IcpFiling.Core.Changes;
using IcpFiling.Core.Eligibility;

namespace IcpFiling.Tests.Shared;

/// <summary>Asserts what a command answered, and hands back what the test reads next.</summary>
internal static class Outcomes
{
    public static T Done<T>(Outcome<T> outcome) => Is(OutcomeKind.Done, outcome).Value!;

    public static T Replayed<T>(Outcome<T> outcome) => Is(OutcomeKind.Replayed, outcome).Value!;

    public static void NotFound<T>(Outcome<T> outcome) => Is(OutcomeKind.NotFound, outcome);

    public static IReadOnlyList<Problem> Refused<T>(Outcome<T> outcome) => Is(OutcomeKind.Refused, outcome).Problems;

    public static IReadOnlyList<Problem> Invalid<T>(Outcome<T> outcome) => Is(OutcomeKind.Invalid, outcome).Problems;

    /// <summary>The one problem of a refusal, in English.</summary>
    public static string RefusedBecause<T>(Outcome<T> outcome) => Assert.Single(Refused(outcome)).Message.ToEnglish();

    /// <summary>The eligibility rules a refusal names, in order.</summary>
    public static IEnumerable<EligibilityRuleId> Rules(IEnumerable<Problem> problems) =>
        problems.Select(p => Enum.Parse<EligibilityRuleId>(p.Code!));

    /// <summary>The problems by the request field they name, in English.</summary>
    public static Dictionary<string, string> ByField(IEnumerable<Problem> problems) =>
        problems.ToDictionary(p => p.Field ?? "", p => p.Message.ToEnglish());

    private static Outcome<T> Is<T>(OutcomeKind kind, Outcome<T> outcome)
    {
        Assert.True(outcome.Kind == kind,
            $"Expected {kind} but the outcome was {outcome.Kind}: {outcome.Message?.ToEnglish()} "
            + string.Join("; ", outcome.Problems.Select(p => $"{p.Field}: {p.Message.ToEnglish()}")));
        return outcome;
    }
}
