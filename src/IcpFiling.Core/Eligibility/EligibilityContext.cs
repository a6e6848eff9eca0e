using IcpFiling.Core.Instances;

namespace IcpFiling.Core.Eligibility;

/// <summary>Everything a rule may look at: the instance, its type's rule, who asks, the quota and the time.</summary>
public sealed record EligibilityContext(
    Instance Instance,
    InstanceTypePolicy TypePolicy,
    string AccountId,
    QuotaUsage Quota,
    DateTime UtcNow);
