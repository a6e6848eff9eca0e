using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Filings;
using IcpFiling.Core.Instances;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>
/// A service identification number. Rows are never deleted: a number is issued once and
/// occupies its quota slot for ever, whatever becomes of it. Its status changes only by the methods below (or,
/// set-based, by <see cref="NumberUpdates"/>), both following the one table <see cref="NumberTransitions"/>.
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

    public ServiceNumberStatus Status { get; private set; } = ServiceNumberStatus.Unused;

    public required IssueChannel Channel { get; init; }

    /// <summary>The quota this number counts against: see <see cref="QuotaKeys"/>.</summary>
    public required string QuotaKey { get; init; }

    /// <summary>Its place in the quota, 1..quota; (QuotaKey, Slot) is unique in the database.</summary>
    public required int Slot { get; init; }

    /// <summary>The key of the request that issued it; (AccountId, IdempotencyKey) is unique.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>When set, only this account may use the number in a filing.</summary>
    public string? RestrictedToAccountId { get; private set; }

    /// <summary>When the owner restricted the number to <see cref="RestrictedToAccountId"/> (null while unrestricted).</summary>
    public DateTime? RestrictedAt { get; private set; }

    /// <summary>The owner's note to the account it restricted the number to; shown to both, cleared with the restriction.</summary>
    public string? RestrictionNote { get; private set; }

    public DateTime? UsedAt { get; private set; }

    /// <summary>Why support staff voided the number (it is then Invalid for ever).</summary>
    public string? VoidReason { get; private set; }

    /// <summary>When the number became Invalid (voided, or its instance ended).</summary>
    public DateTime? VoidedAt { get; private set; }

    /// <summary>Why a stored Invalid number is invalid.</summary>
    public InvalidCause? InvalidCause { get; private set; }

    /// <summary>A filing uses the number (<see cref="NumberTransitions.MarkUsed"/>). Null when done; otherwise why not.</summary>
    public Problem? MarkUsed(DateTime utcNow) =>
        Change(NumberTransitions.MarkUsed, utcNow, reason: null, current => new Notice(current == ServiceNumberStatus.Used
            ? ServiceNumberUsability.AlreadyUsed
            : InvalidCause == Core.ServiceNumbers.InvalidCause.InstanceEnded
                ? ServiceNumberUsability.InstanceGone
                : ServiceNumberUsability.Voided));

    /// <summary>Support voids the number, saying why (<see cref="NumberTransitions.Void"/>). Null when done; otherwise why not.</summary>
    public Problem? Void(string reason, DateTime utcNow)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return Change(NumberTransitions.Void, utcNow, reason, current => NumberMessages.VoidRefused(current, Number));
    }

    /// <summary>The number's instance expired or was released (<see cref="NumberTransitions.EndWithInstance"/>). Null when done; otherwise why not.</summary>
    public Problem? EndWithInstance(DateTime utcNow) =>
        Change(NumberTransitions.EndWithInstance, utcNow, reason: null, _ => new Notice(NumberMessages.EndRefused, Number));

    /// <summary>
    /// Only <paramref name="accountId"/> may use the number from now on, with the owner's note; a null account lifts
    /// the restriction and drops the note. Only while <see cref="NumberTransitions.RestrictableIn"/>.
    /// </summary>
    public Problem? RestrictTo(string? accountId, string? note, DateTime utcNow)
    {
        if (Status != NumberTransitions.RestrictableIn)
        {
            return new Problem(null, new Notice(NumberMessages.RestrictRefused), NumberTransitions.RefusalCode(Status));
        }

        RestrictedToAccountId = accountId;
        RestrictionNote = accountId is null ? null : note;
        RestrictedAt = accountId is null ? null : utcNow;
        return null;
    }

    private Problem? Change(NumberTransition transition, DateTime utcNow, string? reason, Func<ServiceNumberStatus, Notice> refusal)
    {
        if (Status != transition.From)
        {
            return transition.Refusal(Status, refusal(Status));
        }

        // The same fields NumberUpdates.ApplyAsync writes for a set of numbers.
        (Status, UsedAt, InvalidCause, VoidedAt, VoidReason) = transition.Stamp(utcNow, reason);
        return null;
    }

    /// <summary>
    /// The status as users see it: a number whose instance is no longer live shows what
    /// <see cref="NumberTransitions.EndWithInstance"/> makes of it (an unused one is Invalid) before the
    /// lifecycle sweep stores it. One rule, read by the page, the query filter below and the sweep.
    /// </summary>
    public static ServiceNumberStatus EffectiveStatusOf(
        ServiceNumberStatus stored, InstanceStatus instanceStatus, DateTime instanceExpiresAt, DateTime utcNow) =>
        EffectiveStatusOf(stored, Instance.IsLiveAt(instanceStatus, instanceExpiresAt, utcNow));

    private static ServiceNumberStatus EffectiveStatusOf(ServiceNumberStatus stored, bool instanceLive) =>
        !instanceLive && stored == NumberTransitions.EndWithInstance.From ? NumberTransitions.EndWithInstance.To : stored;

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
        var ending = NumberTransitions.EndWithInstance;
        var endable = Stored(ending.From);
        Expression body = status == ending.From
            ? Expression.AndAlso(endable, live.Body)
            : status == ending.To
                // Stored so, or what an instance that is no longer live makes of it.
                ? Expression.OrElse(Stored(ending.To), Expression.AndAlso(endable, Expression.Not(live.Body)))
                : Stored(status);
        return Expression.Lambda<Func<ServiceNumber, bool>>(body, number);

        Expression Stored(ServiceNumberStatus stored)
        {
            var test = NumberUpdates.InStatus(stored);
            return ReplacingExpressionVisitor.Replace(test.Parameters[0], number, test.Body);
        }
    }
}
