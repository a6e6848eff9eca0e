namespace IcpFiling.Core.Filings;

/// <summary>
/// What the filer entered, whichever page or client sends it; validated by <see cref="FilingCommands"/>.
/// A filing names either a service number it already has or one of its instances (with the key that
/// makes a replayed submission harmless).
/// </summary>
public sealed record FilingRequest(string AccountId, string? Domain, string? SubjectName, string? CorrelationId = null)
{
    public string? ServiceNumber { get; init; }

    public string? InstanceId { get; init; }

    public string? IdempotencyKey { get; init; }
}

/// <summary>A submitted filing and the number it used.</summary>
public sealed record SubmittedFiling(long FilingId, string Number);
