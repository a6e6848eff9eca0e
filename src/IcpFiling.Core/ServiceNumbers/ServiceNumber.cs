using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using IcpFiling.Core.Instances;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>
/// A service identification number. Rows are never deleted: a number is issued once and
/// occupies its quota slot for ever, whatever becomes of it.
/// </summary>
public sealed class ServiceNumber
{
    public const int NumberLength = 36;
    public const int QuotaKeyMaxLength = 128;

    public long Id { get; private set; }

    public required string Number { get; init; }

    public int InstanceRef { get; init; }

    public Instance Instance { get; init; } = null!;

    /// <summary>Denormalised from the instance (it never changes) so number lists filter by type on one index.</summary>
    public required InstanceType InstanceType { get; init; }

    /// <summary>The account the number was issued to.</summary>
    public required string AccountId { get; init; }

    /// <summary>
    /// The reseller of <see cref="AccountId"/>, denormalised so a reseller's numbers are one index range (no index
    /// orders numbers across several accounts). Always equal to the account's reseller: set when the number is
    /// issued, and rewritten for all the account's numbers in the transaction that changes the account's reseller
    /// (<see cref="Resellers.ResellerNumbers"/>).
    /// </summary>
    public string? ResellerId { get; set; }

    public required DateTime IssuedAt { get; init; }

    public ServiceNumberStatus Status { get; set; } = ServiceNumberStatus.Unused;

    public required IssueChannel Channel { get; init; }

    /// <summary>The quota this number counts against: see <see cref="QuotaKeys"/>.</summary>
    public required string QuotaKey { get; init; }

    /// <summary>Its place in the quota, 1..quota; (QuotaKey, Slot) is unique in the database.</summary>
    public required int Slot { get; init; }

    /// <summary>The key of the request that issued it; (AccountId, IdempotencyKey) is unique.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>When set, only this account may use the number in a filing.</summary>
    public string? RestrictedToAccountId { get; set; }

    /// <summary>When the owner restricted the number to <see cref="RestrictedToAccountId"/> (null while unrestricted).</summary>
    public DateTime? RestrictedAt { get; set; }

    /// <summary>The owner's note to the account it restricted the number to; shown to both, cleared with the restriction.</summary>
    public string? RestrictionNote { get; set; }

    public DateTime? UsedAt { get; set; }

    /// <summary>Why support staff voided the number (it is then Invalid for ever).</summary>
    public string? VoidReason { get; set; }

    /// <summary>When the number became Invalid (voided, or its instance ended).</summary>
    public DateTime? VoidedAt { get; set; }

    /// <summary>Why a stored Invalid number is invalid.</summary>
    public InvalidCause? InvalidCause { get; set; }

    /// <summary>The status as users see it: an unused number of an instance that is no longer live is Invalid.</summary>
    public static ServiceNumberStatus EffectiveStatusOf(
        ServiceNumberStatus stored, InstanceStatus instanceStatus, DateTime instanceExpiresAt, DateTime utcNow) =>
        EffectiveStatusOf(stored, Instance.IsLiveAt(instanceStatus, instanceExpiresAt, utcNow));

    private static ServiceNumberStatus EffectiveStatusOf(ServiceNumberStatus stored, bool instanceLive) =>
        stored == ServiceNumberStatus.Unused && !instanceLive ? ServiceNumberStatus.Invalid : stored;

    /// <summary>
    /// <see cref="EffectiveStatusOf(ServiceNumberStatus, InstanceStatus, DateTime, DateTime)"/> as a query filter, so paging
    /// and counting agree with what is shown. The instance is looked up by a correlated scalar subquery on
    /// <paramref name="instances"/> (its id, or null when it is not live), not a join or an EXISTS, which SQLite turns
    /// into a join: for a join it may first build a Bloom filter over every instance (a read of all of them, 0.1 s at
    /// 200,000) even for a page of 20.
    /// </summary>
    public static Expression<Func<ServiceNumber, bool>> HasEffectiveStatus(ServiceNumberStatus status, DateTime utcNow, IQueryable<Instance> instances)
    {
        var liveInstances = instances.Where(Instance.IsLive<Instance>(i => i, utcNow));
        Expression<Func<ServiceNumber, bool>> live = n => liveInstances.Where(i => i.Id == n.InstanceRef).Select(i => (int?)i.Id).FirstOrDefault() == n.InstanceRef;
        var number = live.Parameters[0];
        var unused = Stored(n => n.Status == ServiceNumberStatus.Unused);
        var body = status switch
        {
            ServiceNumberStatus.Used => Stored(n => n.Status == ServiceNumberStatus.Used),
            ServiceNumberStatus.Unused => Expression.AndAlso(unused, live.Body),
            // Stored Invalid, or unused of an instance that is no longer live.
            _ => Expression.OrElse(Stored(n => n.Status == ServiceNumberStatus.Invalid), Expression.AndAlso(unused, Expression.Not(live.Body))),
        };
        return Expression.Lambda<Func<ServiceNumber, bool>>(body, number);

        Expression Stored(Expression<Func<ServiceNumber, bool>> test) =>
            ReplacingExpressionVisitor.Replace(test.Parameters[0], number, test.Body);
    }
}
