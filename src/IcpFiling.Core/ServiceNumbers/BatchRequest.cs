namespace IcpFiling.Core.ServiceNumbers;

/// <summary>
/// A batch's key and a hash of what it asked for, kept so the same key sent again with a different batch is refused
/// rather than read as a new request ((AccountId, BatchKey) is unique).
/// </summary>
public sealed class BatchRequest
{
    public long Id { get; private set; }

    public required string AccountId { get; init; }

    public required string BatchKey { get; init; }

    /// <summary>SHA-256 (hex) of the batch's lines in order.</summary>
    public required string BodyHash { get; init; }

    public required DateTime CreatedAt { get; init; }
}
