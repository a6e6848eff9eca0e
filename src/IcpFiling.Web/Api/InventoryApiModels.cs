using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Inventory;

namespace IcpFiling.Web.Api;

/// <summary>A batch of accounts and instances, applied all or nothing.</summary>
public sealed record InventoryBatchBody(IReadOnlyList<InventoryItem>? Items);

/// <summary>An instance as the console sees it: the provider's data, its quota and its eligibility verdict.</summary>
public sealed record InstanceView(
    string InstanceId,
    string OwnerId,
    InstanceType Type,
    string Name,
    string RegionId,
    bool? RegionMainland,
    BillingMethod Billing,
    DateTime SubscriptionStartsAt,
    int PurchasedMonths,
    DateTime ExpiresAt,
    IReadOnlyList<string> PublicIps,
    InstanceStatus Status,
    bool Trial,
    HostingProvider Provider,
    decimal? OrderAmount,
    long Version,
    bool OnHold,
    QuotaView Quota,
    EligibilityView Eligibility)
{
    public static InstanceView Of(InstanceStanding standing, RegionCatalog regions)
    {
        ArgumentNullException.ThrowIfNull(standing);
        ArgumentNullException.ThrowIfNull(regions);
        var i = standing.Instance;
        return new(
            i.InstanceId, i.OwnerId, i.Type, i.Name, i.Region, regions.Find(i.Region)?.Mainland, i.Billing, i.SubscriptionStartsAt,
            i.PurchasedMonths, i.ExpiresAt, i.PublicIps, i.Status, i.IsTrial, i.Provider, i.OrderAmount, i.SourceVersion, i.OnHold,
            new QuotaView(standing.Quota.QuotaKey, standing.Quota.Used, standing.Quota.Total, standing.Quota.Free),
            new EligibilityView(standing.Verdict.IsEligible, [.. standing.Verdict.Outcomes.Select(RuleView.Of)]));
    }
}

public sealed record QuotaView(string Key, int Used, int Total, int Free);

public sealed record EligibilityView(bool Qualified, IReadOnlyList<RuleView> Rules);

/// <summary>One rule of the verdict: its stable id, what it requires, and why it failed (in English), when it did.</summary>
public sealed record RuleView(EligibilityRuleId Rule, bool Passed, string Requirement, string? Reason)
{
    public static RuleView Of(RuleOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new(outcome.Rule.Id, outcome.Passed, outcome.Rule.Requirement, outcome.Failure?.ToEnglish());
    }
}
