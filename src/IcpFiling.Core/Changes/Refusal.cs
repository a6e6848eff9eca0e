namespace IcpFiling.Core.Changes;

/// <summary>
/// A command that a business rule or a malformed request turned down. The change itself rolled back, so the
/// refusal is kept apart from the audit trail (which records only what happened) for the administrators'
/// figures: how many applies were refused this week, and why.
/// </summary>
public sealed class Refusal
{
    public const int CommandMaxLength = 32;
    public const int SubjectMaxLength = 128;
    public const int ReasonsMaxLength = 256;

    public long Id { get; private set; }

    public required DateTime At { get; init; }

    /// <summary>Which command was refused: one of <see cref="RefusedCommands"/>.</summary>
    public required string Command { get; init; }

    public required string ActorId { get; init; }

    /// <summary>What the command was about (an instance id), where it names one thing.</summary>
    public string? SubjectId { get; init; }

    /// <summary>The stable codes of the reasons (eligibility rule ids), space-separated, in the order given.</summary>
    public required string Reasons { get; init; }

    /// <summary>The codes of a refused outcome's problems; a problem without a code counts as "other".</summary>
    public static string ReasonsOf(IEnumerable<Problem> problems)
    {
        var codes = string.Join(' ', problems.Select(p => p.Code ?? RefusedCommands.OtherReason).Distinct());
        return codes.Length <= ReasonsMaxLength ? codes : codes[..ReasonsMaxLength];
    }
}

/// <summary>Names of the commands whose refusals are counted; stored as text, so never renamed.</summary>
public static class RefusedCommands
{
    public const string Apply = "apply";
    public const string InventoryBatch = "inventory-batch";
    public const string OtherReason = "other";
}

/// <summary>Asks <see cref="ChangeRunner"/> to keep a record when the command is refused (or its request is invalid).</summary>
public sealed record RefusalRecord(string Command, string? SubjectId = null);
