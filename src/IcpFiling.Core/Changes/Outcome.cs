using System.Globalization;

namespace IcpFiling.Core.Changes;

/// <summary>A message for people: an English composite format, which is also the localization key, and its arguments.</summary>
public sealed record Notice(string Format, params object[] Arguments)
{
    public string ToEnglish() => string.Format(CultureInfo.InvariantCulture, Format, Arguments);
}

/// <summary>
/// One thing wrong with a request: the request's own field it concerns (null for the request as a whole),
/// the message, and a stable code for machines (an eligibility rule, say).
/// </summary>
public sealed record Problem(string? Field, Notice Message, string? Code = null);

public enum OutcomeKind
{
    /// <summary>The change was made and committed.</summary>
    Done,

    /// <summary>Nothing new happened: the request was answered before, or asked for what already is.</summary>
    Replayed,

    /// <summary>No such thing for this actor (it may exist for another: indistinguishable on purpose).</summary>
    NotFound,

    /// <summary>A business rule refused the change; nothing was written.</summary>
    Refused,

    /// <summary>The request itself is malformed; nothing was written.</summary>
    Invalid,
}

/// <summary>
/// What every command answers. Refusals are results, never exceptions: <see cref="Problems"/> says why,
/// <see cref="Message"/> is what to tell the person (the success message, or a refusal's summary).
/// </summary>
public sealed record Outcome<T>
{
    private Outcome(OutcomeKind kind, T? value, Notice? message, IReadOnlyList<Problem> problems)
    {
        Kind = kind;
        Value = value;
        Message = message;
        Problems = problems;
    }

    public OutcomeKind Kind { get; }

    /// <summary>Set when <see cref="Succeeded"/>.</summary>
    public T? Value { get; }

    public Notice? Message { get; }

    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>Done or replayed: the request has its answer.</summary>
    public bool Succeeded => Kind is OutcomeKind.Done or OutcomeKind.Replayed;

    internal static Outcome<T> Success(OutcomeKind kind, T value, Notice message) => new(kind, value, message, []);

    /// <summary>The same failure, carried as another command's outcome (a filing refused by the issuer, say).</summary>
    public Outcome<TOther> Failure<TOther>() => Succeeded
        ? throw new InvalidOperationException("A successful outcome is not a failure.")
        : new Failure(Kind, Message, Problems);

    public static implicit operator Outcome<T>(Failure failure) => new(failure.Kind, default, failure.Summary, failure.Problems);
}

/// <summary>A failed outcome of any command; converts to every <see cref="Outcome{T}"/>.</summary>
public sealed record Failure(OutcomeKind Kind, Notice? Summary, IReadOnlyList<Problem> Problems);

/// <summary>Builds outcomes: <c>return Outcome.Done(value, new Notice(...));</c>, <c>return Outcome.NotFound;</c>.</summary>
public static class Outcome
{
    public static Failure NotFound { get; } = new(OutcomeKind.NotFound, null, []);

    public static Outcome<T> Done<T>(T value, Notice message) => Outcome<T>.Success(OutcomeKind.Done, value, message);

    public static Outcome<T> Replayed<T>(T value, Notice message) => Outcome<T>.Success(OutcomeKind.Replayed, value, message);

    /// <summary>A business rule said no. <paramref name="summary"/> heads the reasons where a page lists them.</summary>
    public static Failure Refused(Notice? summary, params IEnumerable<Problem> problems) =>
        new(OutcomeKind.Refused, summary, [.. problems]);

    /// <summary>A business rule said no about one field of the request.</summary>
    public static Failure Refused(string? field, string format, params object[] arguments) =>
        new(OutcomeKind.Refused, null, [new Problem(field, new Notice(format, arguments))]);

    /// <summary>The request's fields are wrong, each with its message.</summary>
    public static Failure Invalid(params IEnumerable<Problem> problems) => new(OutcomeKind.Invalid, null, [.. problems]);

    public static Failure Invalid(string? field, string format, params object[] arguments) =>
        Invalid(new Problem(field, new Notice(format, arguments)));
}
