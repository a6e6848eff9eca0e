using IcpFiling.Core.Instances;
using IcpFiling.Core.Resellers;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.Extensions.Localization;

namespace IcpFiling.Web.Api;

/// <summary>Why something was refused: a stable type (one per rule), the rule's code, and the reason in the caller's language.</summary>
public sealed record ApiReason(string Type, string? Code, string Message);

/// <summary>An instance as the owner's API lists it: can it get a number now, and how much of its quota is free.</summary>
public sealed record MyInstance(
    string InstanceId, string Name, InstanceType Type, string RegionId, InstanceStatus Status,
    bool Qualified, IReadOnlyList<ApiReason> Reasons, ApiQuota Quota)
{
    internal static MyInstance Of(InstanceStanding standing, IStringLocalizer localizer) => new(
        standing.Instance.InstanceId, standing.Instance.Name, standing.Instance.Type, standing.Instance.Region, standing.Instance.Status,
        standing.Verdict.IsEligible,
        [.. standing.Verdict.Failures.Select(f => new ApiReason(ApiProblems.ForCode(f.Rule.ToString()), f.Rule.ToString(), localizer[f.Message, f.Arguments]))],
        new ApiQuota(standing.Quota.QuotaKey, standing.Quota.Used, standing.Quota.Total, standing.Quota.Free));
}

public sealed record ApiQuota(string Key, int Used, int Total, int Free);

public sealed record MyInstanceList(IReadOnlyList<MyInstance> Items, int Page, int Size, int Total);

/// <summary>
/// An apply: either one instance and a quantity (<c>instanceId</c>, <c>quantity</c>), or up to 20 lines
/// (<c>lines</c>), not both. The <c>Idempotency-Key</c> header makes a retry answer what the first call did.
/// </summary>
public sealed record ApplyBody(string? InstanceId, int? Quantity, IReadOnlyList<ApplyBodyLine>? Lines);

public sealed record ApplyBodyLine(string? InstanceId, int? Quantity);

public sealed record ApplyLineResult(string InstanceId, int Requested, IReadOnlyList<string> Numbers, int IssuedNow, IReadOnlyList<ApiReason> Reasons);

/// <summary><c>replayed</c> is true when the key was seen before and nothing new was issued.</summary>
public sealed record ApplyResult(bool Replayed, int IssuedNow, IReadOnlyList<ApplyLineResult> Lines);

/// <summary>
/// A number as ICP No. Management shows it: <c>restrictedTo</c>, <c>note</c> and <c>restrictedAt</c> describe its
/// restriction; <c>grantedBy</c> (the issuing account's e-mail) is set only in granted-numbers.
/// </summary>
public sealed record MyNumber(
    string Number, string InstanceId, string InstanceName, InstanceType InstanceType, DateTime IssuedAt,
    ServiceNumberStatus Status, IssueChannel Channel, int Slot, string? UsedFor, string? RestrictedTo, bool UnusableWhileStopped,
    string? Note, DateTime? RestrictedAt, string? GrantedBy)
{
    internal static MyNumber Of(NumberListItem n) => new(
        n.Number, n.InstanceId, n.InstanceName, n.InstanceType, n.IssuedAt, n.Status, n.Channel, n.Slot, n.UsedForDomain, n.RestrictedToEmail,
        n.UnusableWhileStopped, n.RestrictionNote, n.RestrictedAt, n.OwnerEmail);
}

public sealed record SliceOf<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Restricts an unused number to the one account with this e-mail address, with an optional note (up to 200 characters, one line) both accounts see.</summary>
public sealed record RestrictionBody(string? Email, string? Note = null);

public sealed record RestrictionResult(string Number, RestrictionChange Change, string? RestrictedTo, string? Note);

/// <summary>A reseller's customer, with the counts the Customers page shows.</summary>
public sealed record ResellerCustomer(string AccountId, string Email, string DisplayName, int Instances, int Issued, int Unused, int Used, int Invalid)
{
    internal static ResellerCustomer Of(CustomerSummary c) => new(c.AccountId, c.Email, c.DisplayName, c.Instances, c.Issued, c.Unused, c.Used, c.Invalid);
}

/// <summary>A customer's number: the reseller CSV's fields.</summary>
public sealed record ResellerNumber(string Number, string CustomerId, string CustomerEmail, string InstanceId, InstanceType InstanceType,
    DateTime IssuedAt, ServiceNumberStatus Status, string? UsedFor)
{
    internal static ResellerNumber Of(ResellerNumberRow r) => new(r.Number, r.CustomerId, r.CustomerEmail, r.InstanceId, r.InstanceType, r.IssuedAt, r.Status, r.UsedFor);
}
