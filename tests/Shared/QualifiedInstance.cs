using IcpFiling.Core.Instances;

namespace IcpFiling.Tests.Shared;

/// <summary>The one "qualified instance" of the tests, for unit, integration and functional tests alike.</summary>
internal static class QualifiedInstance
{
    /// <summary>
    /// An instance of <paramref name="type"/> that meets every rule of docs/RULES.md (when an instance can get a number) at <paramref name="now"/> (a
    /// two-year subscription, 18 months left, running, public IP, mainland). Tests spoil one thing at a time
    /// through <paramref name="change"/>.
    /// </summary>
    public static Instance Build(
        string ownerId, string instanceId, DateTime now, InstanceType type = InstanceType.Ecs, Action<Instance>? change = null)
    {
        var instance = new Instance
        {
            InstanceId = instanceId,
            Name = "web-" + instanceId,
            Type = type,
            OwnerId = ownerId,
            Provider = HostingProvider.ThisProvider,
            Region = "cn-hangzhou",
            Billing = BillingMethod.Subscription,
            SubscriptionStartsAt = now.AddMonths(-6),
            PurchasedMonths = 24,
            ExpiresAt = now.AddMonths(18),
            PublicIps = ["47.96.12.34"],
            Status = InstanceStatus.Running,
            IsTrial = false,
            OrderAmount = 1200m,
            OnHold = false,
        };
        change?.Invoke(instance);
        return instance;
    }
}
