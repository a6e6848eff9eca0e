using IcpFiling.Core.Changes;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>One change of a number's status: its name, the status it leaves, the one it reaches, and why a number is then Invalid.</summary>
public sealed record NumberTransition(string Name, ServiceNumberStatus From, ServiceNumberStatus To, InvalidCause? Cause = null)
{
    /// <summary>
    /// What the change writes, the one list for the entity and the set-based update: the status, when it was used, or
    /// why, when and with what reason it became Invalid. Every change leaves Unused, where all of these are empty.
    /// </summary>
    public NumberStamp Stamp(DateTime utcNow, string? reason = null) => new(
        To,
        To == ServiceNumberStatus.Used ? utcNow : null,
        Cause,
        Cause is null ? null : utcNow,
        Cause is null ? null : reason);

    /// <summary>The refusal of this change for a number that stands in <paramref name="current"/>, with its stable code.</summary>
    public Problem Refusal(ServiceNumberStatus current, Notice message, string? field = null) =>
        new(field, message, NumberTransitions.RefusalCode(current));
}

/// <summary>The fields a <see cref="NumberTransition"/> writes.</summary>
public readonly record struct NumberStamp(
    ServiceNumberStatus Status, DateTime? UsedAt, InvalidCause? InvalidCause, DateTime? VoidedAt, string? VoidReason);

/// <summary>
/// The one table of a service number's status changes (docs/RULES.md, service identification numbers). An unused
/// number is used once by a filing, voided by support, or ends with its instance; nothing leaves Used or Invalid.
/// <see cref="ServiceNumber"/>'s methods and the set-based updates of <see cref="NumberUpdates"/> read only this
/// table, and the database refuses leaving Used whoever writes (the UsedIsFinal trigger of each migrations project).
/// </summary>
public static class NumberTransitions
{
    /// <summary>A filing uses the number: Unused → Used, for ever (a closed filing does not give it back).</summary>
    public static NumberTransition MarkUsed { get; } = new(nameof(MarkUsed), ServiceNumberStatus.Unused, ServiceNumberStatus.Used);

    /// <summary>Support voids it, with a reason: Unused → Invalid for ever. It keeps its quota slot.</summary>
    public static NumberTransition Void { get; } =
        new(nameof(Void), ServiceNumberStatus.Unused, ServiceNumberStatus.Invalid, InvalidCause.Voided);

    /// <summary>Its instance expired or was released: Unused → Invalid for ever; a renewal does not bring it back.</summary>
    public static NumberTransition EndWithInstance { get; } =
        new(nameof(EndWithInstance), ServiceNumberStatus.Unused, ServiceNumberStatus.Invalid, InvalidCause.InstanceEnded);

    /// <summary>The name of each database's trigger that refuses an UPDATE out of Used (ServiceNumberTriggers of each migrations project).</summary>
    public const string UsedIsFinalTrigger = "TR_ServiceNumbers_UsedIsFinal";

    /// <summary>Every change a number's status may make; any other is refused.</summary>
    public static IReadOnlyList<NumberTransition> All { get; } = [MarkUsed, Void, EndWithInstance];

    /// <summary>Who may use a number (its restriction) changes only while the number can still be used.</summary>
    public static ServiceNumberStatus RestrictableIn => ServiceNumberStatus.Unused;

    public static bool Allows(ServiceNumberStatus from, ServiceNumberStatus to) => All.Any(t => t.From == from && t.To == to);

    /// <summary>A final status is one no change leaves.</summary>
    public static bool IsFinal(ServiceNumberStatus status) => All.All(t => t.From != status);

    /// <summary>
    /// The stable code of a change refused because the number stands in <paramref name="current"/>:
    /// <c>NumberUsed</c>, <c>NumberInvalid</c> (the API's problem types number-used and number-invalid).
    /// Status names are stored and never renamed, so the codes are stable too.
    /// </summary>
    public static string RefusalCode(ServiceNumberStatus current) => "Number" + current;
}

/// <summary>The refusals of a number's changes (English, and the localization keys).</summary>
public static class NumberMessages
{
    public const string VoidUsed = "Number {0} is used: a used number cannot be voided.";
    public const string VoidInvalid = "Number {0} is already invalid.";
    public const string RestrictRefused = "Only unused numbers can be restricted; nothing was changed.";
    public const string EndRefused = "Number {0} is no longer unused: only an unused number ends with its instance.";

    public static Notice VoidRefused(ServiceNumberStatus current, string number) =>
        new(current == ServiceNumberStatus.Used ? VoidUsed : VoidInvalid, number);
}
