namespace IcpFiling.Core.Instances;

public enum BillingMethod
{
    Subscription,
    PayAsYouGo,
}

public enum InstanceStatus
{
    Running,
    Stopped,
    Expired,
    Released,
}

/// <summary>Who hosts the instance: numbers are only issued for instances this provider hosts.</summary>
public enum HostingProvider
{
    ThisProvider,
    OtherProvider,
}

public enum QuotaScope
{
    /// <summary>Each instance has its own quota.</summary>
    Instance,

    /// <summary>All of an account's instances of the type share one quota.</summary>
    Account,
}
