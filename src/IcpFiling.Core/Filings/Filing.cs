using IcpFiling.Core.ServiceNumbers;

namespace IcpFiling.Core.Filings;

public enum FilingStatus
{
    Submitted,
    Cancelled,
    ProviderRemoved,
}

/// <summary>
/// An ICP filing application for one website, made with one service number. Filings are never deleted;
/// cancelling or removing the provider closes the filing but leaves its number Used for ever.
/// </summary>
public sealed class Filing
{
    public long Id { get; private set; }

    /// <summary>The domain as people write it (Unicode, lower-case).</summary>
    public required string Domain { get; init; }

    /// <summary>The domain in ASCII (punycode, lower-case): what uniqueness is checked on.</summary>
    public required string DomainAscii { get; init; }

    public required string SubjectName { get; init; }

    /// <summary>The account that filed.</summary>
    public required string AccountId { get; init; }

    public long ServiceNumberRef { get; init; }

    public ServiceNumber ServiceNumber { get; init; } = null!;

    public FilingStatus Status { get; set; } = FilingStatus.Submitted;

    public required DateTime SubmittedAt { get; init; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>The only transitions there are: a submitted filing may be cancelled or have the provider removed.</summary>
    public static bool CanChange(FilingStatus from, FilingStatus to) =>
        from == FilingStatus.Submitted && to is FilingStatus.Cancelled or FilingStatus.ProviderRemoved;
}
