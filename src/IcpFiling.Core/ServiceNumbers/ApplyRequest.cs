namespace IcpFiling.Core.ServiceNumbers;

/// <summary>
/// A request to issue a number. The idempotency key (see <see cref="InputLimits.IsValidIdempotencyKey"/>)
/// makes a replayed request return the first answer.
/// </summary>
public sealed record ApplyRequest(
    string AccountId,
    string InstanceId,
    string IdempotencyKey,
    IssueChannel Channel = IssueChannel.ApplicationPage,
    string? CorrelationId = null);

/// <summary>A number as the issuer reports it.</summary>
public sealed record IssuedNumber(string Number, string InstanceId, string QuotaKey, int Slot, DateTime IssuedAt)
{
    public static IssuedNumber Of(ServiceNumber number) =>
        new(number.Number, number.Instance.InstanceId, number.QuotaKey, number.Slot, number.IssuedAt);
}
