namespace IcpFiling.Core.Instances;

/// <summary>A cloud instance bought by an account, as the instance inventory knows it.</summary>
public sealed class Instance
{
    public const int InstanceIdMaxLength = 64;
    public const int NameMaxLength = 128;
    public const int RegionMaxLength = 64;
    public const int PublicIpMaxLength = 45;
    public const int HoldReasonMaxLength = 500;

    public int Id { get; private set; }

    /// <summary>The provider's instance ID, e.g. <c>i-bp1g6zv0ce8oghu7abcd</c>.</summary>
    public required string InstanceId { get; init; }

    public required string Name { get; set; }

    public required InstanceType Type { get; init; }

    public required string OwnerId { get; init; }

    public HostingProvider Provider { get; set; } = HostingProvider.ThisProvider;

    public required string Region { get; set; }

    public bool RegionInMainlandChina { get; set; }

    public BillingMethod Billing { get; set; }

    public DateTime SubscriptionStartsAt { get; set; }

    /// <summary>Cumulative purchased months, renewals included.</summary>
    public int PurchasedMonths { get; set; }

    public DateTime ExpiresAt { get; set; }

    public string? PublicIp { get; set; }

    public InstanceStatus Status { get; set; }

    public bool IsTrial { get; set; }

    /// <summary>Order amount in RMB; matters for marketplace products.</summary>
    public decimal? OrderAmount { get; set; }

    public bool OnHold { get; set; }

    public string? HoldReason { get; set; }

    /// <summary>Support's per-instance quota, replacing the type's quota when set.</summary>
    public int? QuotaOverride { get; set; }

    /// <summary>Whether the instance is alive: not released, not expired, not past its expiry time.</summary>
    public bool IsLive(DateTime utcNow) => IsLiveAt(Status, ExpiresAt, utcNow);

    public static bool IsLiveAt(InstanceStatus status, DateTime expiresAt, DateTime utcNow) =>
        status is not (InstanceStatus.Expired or InstanceStatus.Released) && expiresAt > utcNow;
}
