namespace IcpFiling.Core.Eligibility;

/// <summary>The conditions of DOMAIN.md §3, in the order they are shown.</summary>
public enum EligibilityRuleId
{
    Owner,
    Provider,
    Region,
    Billing,
    PurchasePeriod,
    RemainingPeriod,
    PublicIp,
    Running,
    Trial,
    OrderAmount,
    Quota,
    Hold,
}
