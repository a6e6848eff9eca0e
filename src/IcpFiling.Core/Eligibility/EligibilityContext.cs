using IcpFiling.Core.Instances;

namespace IcpFiling.Core.Eligibility;

/// <summary>Everything a rule may look at: the instance, its type's policy, who asks, the quota, the time and the settings.</summary>
public sealed record EligibilityContext(
    Instance Instance,
    InstanceTypePolicy TypePolicy,
    string AccountId,
    QuotaUsage Quota,
    DateTime UtcNow,
    RuleSettings Settings);

/// <summary>What the rules read from configuration besides the type table: regions, the calendar, the months that must remain.</summary>
public sealed record RuleSettings(RegionCatalog Regions, ChinaCalendar Calendar, int MinimumRemainingMonths)
{
    /// <summary>Remaining subscription needed: the configured months (3), or the type's minimum purchase when that is shorter.</summary>
    public int RemainingMonthsFor(InstanceTypePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Math.Min(MinimumRemainingMonths, policy.MinimumPurchaseMonths);
    }
}
