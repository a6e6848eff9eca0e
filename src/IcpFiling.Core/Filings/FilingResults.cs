using IcpFiling.Core.Eligibility;

namespace IcpFiling.Core.Filings;

/// <summary>What the filer entered; validated by <see cref="FilingService"/> whichever page calls it.</summary>
public sealed record FilingRequest(string AccountId, string? Domain, string? SubjectName, string? CorrelationId = null);

/// <summary>The outcome of submitting a filing. Refusals are results; messages are English localization keys.</summary>
public abstract record FilingResult
{
    private FilingResult()
    {
    }

    public sealed record Submitted(long FilingId, string Number, bool Replayed) : FilingResult;

    /// <summary>Input errors, by form field: Domain, SubjectName, ServiceNumber, InstanceId.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : FilingResult;

    public sealed record NumberRefused(string Reason) : FilingResult;

    public sealed record InstanceRefused(IReadOnlyList<Ineligibility> Reasons) : FilingResult;

    public sealed record DomainTaken(string Domain) : FilingResult;

    /// <summary>No such instance for this account.</summary>
    public sealed record NotFound : FilingResult;
}

public enum FilingChangeResult
{
    Changed,
    NotFound,
    NotSubmitted,
}
