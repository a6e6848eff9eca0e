namespace IcpFiling.Core.Eligibility;

/// <summary>The conditions of docs/RULES.md (when an instance can get a number), in the order they are shown.</summary>
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
