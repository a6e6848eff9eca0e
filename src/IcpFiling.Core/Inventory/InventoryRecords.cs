using IcpFiling.Core.Instances;

namespace IcpFiling.Core.Inventory;

public enum AccountStatus
{
    Active,
    Suspended,
}

/// <summary>
/// An owner account as the provider's systems send it, keyed by the provider's own account id. The
/// account has no password: its owner is invited to set one.
/// </summary>
public sealed record AccountRecord
{
    public string? AccountId { get; init; }

    public string? Email { get; init; }

    public string? DisplayName { get; init; }

    public AccountStatus Status { get; init; } = AccountStatus.Active;

    /// <summary>The provider's account id of the reseller that sold the account, if one did.</summary>
    public string? ResellerId { get; init; }

    /// <summary>The source's version of this record: only a higher one than the stored version changes anything.</summary>
    public long Version { get; init; }
}

/// <summary>An instance as the provider's systems send it, keyed by its instance id.</summary>
public sealed record InstanceRecord
{
    public string? InstanceId { get; init; }

    public string? OwnerId { get; init; }

    public InstanceType? Type { get; init; }

    public string? Name { get; init; }

    public string? RegionId { get; init; }

    public BillingMethod? Billing { get; init; }

    public DateTime? SubscriptionStartsAt { get; init; }

    /// <summary>Months purchased, renewals included.</summary>
    public int? PurchasedMonths { get; init; }

    public DateTime? ExpiresAt { get; init; }

    public IReadOnlyList<string>? PublicIps { get; init; }

    public InstanceStatus? Status { get; init; }

    public bool Trial { get; init; }

    public HostingProvider Provider { get; init; } = HostingProvider.ThisProvider;

    /// <summary>Order amount in RMB, for types with a minimum (marketplace products).</summary>
    public decimal? OrderAmount { get; init; }

    public long Version { get; init; }
}

/// <summary>One item of a batch: an account or an instance (exactly one of the two).</summary>
public sealed record InventoryItem(AccountRecord? Account = null, InstanceRecord? Instance = null);

public enum ItemChange
{
    Created,
    Updated,

    /// <summary>The version was not newer than the stored one: nothing changed (a replay or an out-of-order delivery).</summary>
    Unchanged,
}

/// <summary>What one item did.</summary>
public sealed record ItemResult(int Index, string Kind, string Id, ItemChange Change, long Version, long StoredVersion);

public sealed record BatchResult(IReadOnlyList<ItemResult> Items)
{
    public int Created => Items.Count(i => i.Change == ItemChange.Created);

    public int Updated => Items.Count(i => i.Change == ItemChange.Updated);

    public int Unchanged => Items.Count(i => i.Change == ItemChange.Unchanged);
}
