using IcpFiling.Core.Instances;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>
/// Names the quota a number counts against: one per instance, or one per account and type when the
/// type's quota is shared (Elastic Web Hosting). The unique (QuotaKey, Slot) index enforces it.
/// </summary>
public static class QuotaKeys
{
    public static string For(Instance instance, InstanceTypePolicy rule) => rule.QuotaScope switch
    {
        QuotaScope.Account => $"account:{instance.OwnerId}:{instance.Type}",
        _ => $"instance:{instance.InstanceId}",
    };

    /// <summary>The quota total: support's override for per-instance quotas, else the type's.</summary>
    public static int TotalFor(Instance instance, InstanceTypePolicy rule) =>
        rule.QuotaScope == QuotaScope.Instance && instance.QuotaOverride is { } overridden ? overridden : rule.Quota;
}
