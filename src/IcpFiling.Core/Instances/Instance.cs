using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace IcpFiling.Core.Instances;

/// <summary>A cloud instance bought by an account, as the instance inventory knows it.</summary>
public sealed class Instance
{
    public const int InstanceIdMaxLength = 64;
    public const int NameMaxLength = 128;
    public const int RegionMaxLength = RegionCatalog.RegionIdMaxLength;

    /// <summary>The most public addresses an instance may list.</summary>
    public const int MaxPublicIps = 16;

    public int Id { get; private set; }

    /// <summary>The provider's instance ID, e.g. <c>i-bp1g6zv0ce8oghu7abcd</c>.</summary>
    public required string InstanceId { get; init; }

    public required string Name { get; set; }

    public required InstanceType Type { get; init; }

    public required string OwnerId { get; init; }

    public HostingProvider Provider { get; set; } = HostingProvider.ThisProvider;

    public required string Region { get; set; }

    public BillingMethod Billing { get; set; }

    public DateTime SubscriptionStartsAt { get; set; }

    /// <summary>Cumulative purchased months, renewals included.</summary>
    public int PurchasedMonths { get; set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>The instance's IP addresses (IPv4 and IPv6, canonical form); rule 7 needs one of them public.</summary>
    public List<string> PublicIps { get; set; } = [];

    public InstanceStatus Status { get; set; }

    public bool IsTrial { get; set; }

    /// <summary>Order amount in RMB; matters for marketplace products.</summary>
    public decimal? OrderAmount { get; set; }

    public bool OnHold { get; set; }

    public string? HoldReason { get; set; }

    /// <summary>Support's per-instance quota, replacing the type's quota when set.</summary>
    public int? QuotaOverride { get; set; }

    /// <summary>The source system's version of this instance's data; a write with a version not above it changes nothing.</summary>
    public long SourceVersion { get; set; }

    /// <summary>
    /// "The instance is live" (docs/RULES.md, rule 8 and Invalid numbers): not expired, not released, not past its expiry
    /// time. The one definition: compiled for objects, composed into queries by <see cref="IsLive{TSource}"/>.
    /// </summary>
    private static readonly Expression<Func<InstanceStatus, DateTime, DateTime, bool>> LiveRule =
        (status, expiresAt, utcNow) => status != InstanceStatus.Expired && status != InstanceStatus.Released && expiresAt > utcNow;

    private static readonly Func<InstanceStatus, DateTime, DateTime, bool> LiveCheck = LiveRule.Compile();

    public bool IsLive(DateTime utcNow) => LiveCheck(Status, ExpiresAt, utcNow);

    /// <summary>The same rule on an instance's status and expiry read into a projection.</summary>
    public static bool IsLiveAt(InstanceStatus status, DateTime expiresAt, DateTime utcNow) => LiveCheck(status, expiresAt, utcNow);

    /// <summary>
    /// Still marked running or stopped although its expiry time has passed: not live, and not yet marked ended. The
    /// lifecycle sweep marks it Expired and ends its unused numbers, storing what the live rule already shows.
    /// </summary>
    public static Expression<Func<Instance, bool>> IsDueToEnd(DateTime utcNow) =>
        i => (i.Status == InstanceStatus.Running || i.Status == InstanceStatus.Stopped) && i.ExpiresAt <= utcNow;

    /// <summary>The rule as a query filter on the instance that <paramref name="instance"/> leads to from <typeparamref name="TSource"/>.</summary>
    public static Expression<Func<TSource, bool>> IsLive<TSource>(Expression<Func<TSource, Instance>> instance, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(instance);
        // A captured variable, not a constant, so the provider sends "now" as a parameter and reuses the plan.
        Expression<Func<DateTime>> now = () => utcNow;
        var body = new ReplacingExpressionVisitor(
            LiveRule.Parameters,
            [Expression.Property(instance.Body, nameof(Status)), Expression.Property(instance.Body, nameof(ExpiresAt)), now.Body])
            .Visit(LiveRule.Body);
        return Expression.Lambda<Func<TSource, bool>>(body, instance.Parameters);
    }
}
