using IcpFiling.Core.Eligibility;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>A request to issue a number. The idempotency key makes a replayed request return the first answer.</summary>
public sealed record ApplyRequest(
    string AccountId,
    string InstanceId,
    string IdempotencyKey,
    IssueChannel Channel = IssueChannel.ApplicationPage,
    string? CorrelationId = null)
{
    /// <summary>Keys are client-made tokens: letters, digits, '-' and '_', at most 64 characters.</summary>
    public static bool IsValidIdempotencyKey(string? key) =>
        key is { Length: > 0 and <= ServiceNumber.IdempotencyKeyMaxLength }
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

/// <summary>A number as the issuer reports it.</summary>
public sealed record IssuedNumber(string Number, string InstanceId, string QuotaKey, int Slot, DateTime IssuedAt);

/// <summary>What <see cref="ServiceNumberIssuer"/> answers. Refusals are results, not exceptions.</summary>
public abstract record ApplyResult
{
    private ApplyResult()
    {
    }

    /// <summary>A new number was issued.</summary>
    public sealed record Issued(IssuedNumber Number) : ApplyResult;

    /// <summary>The key was seen before: this is the number that request got. Nothing new was issued.</summary>
    public sealed record Replayed(IssuedNumber Number) : ApplyResult;

    /// <summary>The instance does not qualify; every failed rule is listed.</summary>
    public sealed record Refused(IReadOnlyList<Ineligibility> Reasons) : ApplyResult;

    /// <summary>No such instance for this account (it may exist for another: indistinguishable on purpose).</summary>
    public sealed record NotFound : ApplyResult;

    /// <summary>The key was already used for a different instance; the client must start a new request.</summary>
    public sealed record KeyReused(string OtherInstanceId) : ApplyResult;

    /// <summary>The caller's continuation refused (e.g. the domain already has a filing); nothing was issued.</summary>
    public sealed record Stopped(string Reason) : ApplyResult;
}
