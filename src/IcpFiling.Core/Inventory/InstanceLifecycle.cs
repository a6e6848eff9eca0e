using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IcpFiling.Core.Inventory;

/// <summary>
/// An instance's end (docs/RULES.md): when it expires or is released, its unused numbers become Invalid for good,
/// stored with an audit row each, and a renewal does not bring them back. It happens when the provider's
/// systems report it (inside that change) and when the expiry time simply passes (the sweep). Every step is a
/// conditional update whose row count is checked: a node that finds another got there first runs its change
/// again, so several nodes may sweep at once and each number is invalidated once.
/// </summary>
public sealed class InstanceLifecycle(ChangeRunner changes, TimeProvider time, ILogger<InstanceLifecycle> logger)
{
    public const int SweepBatchSize = 500;

    /// <summary>Within a change: makes the instance's unused numbers Invalid for good, with an audit row each.</summary>
    public static async Task<int> EndUnusedNumbersAsync(ChangeScope scope, IReadOnlyCollection<int> instanceRefs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(instanceRefs);
        var db = scope.Db;
        var numbers = await db.ServiceNumbers
            .Where(n => instanceRefs.Contains(n.InstanceRef))
            .Where(NumberUpdates.InStatus(NumberTransitions.EndWithInstance.From))
            .Select(n => new { n.Id, n.Number, n.Instance.InstanceId, n.Instance.Status, n.Instance.ExpiresAt })
            .ToListAsync(cancellationToken);
        if (numbers.Count == 0)
        {
            return 0;
        }

        var ids = numbers.Select(n => n.Id).ToList();
        var changed = await db.ServiceNumbers.Where(n => ids.Contains(n.Id))
            .ApplyAsync(NumberTransitions.EndWithInstance, scope.UtcNow, cancellationToken);
        if (changed != numbers.Count)
        {
            // Another change used or ended some of them since they were read: judge again from the start.
            throw new DbUpdateConcurrencyException($"{numbers.Count - changed} of {numbers.Count} numbers changed while ending them.");
        }

        foreach (var number in numbers)
        {
            var why = number.Status is InstanceStatus.Released ? "released" : "expired";
            scope.Audit(AuditActions.NumberEnded, AuditSubjects.ServiceNumber, number.Number,
                $"instance={number.InstanceId} {why}; Unused -> Invalid for good");
        }

        return numbers.Count;
    }

    /// <summary>
    /// Ends every instance whose expiry has passed while it is still marked running or stopped, with its unused
    /// numbers, in batches. With <paramref name="endLeftovers"/>, also ends the unused numbers of instances that
    /// were already marked ended (data from before stored Invalid existed): a scan, so nodes do it once at start.
    /// </summary>
    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken, bool endLeftovers = true)
    {
        var instances = 0;
        var numbers = 0;
        while (true)
        {
            var expired = await changes.RunAsync(Actor.System, ExpireDueAsync, cancellationToken);
            instances += expired.Value.Instances;
            numbers += expired.Value.Numbers;
            if (expired.Kind != OutcomeKind.Done)
            {
                break;
            }
        }

        while (endLeftovers)
        {
            var ended = await changes.RunAsync(Actor.System, EndNumbersOfEndedInstancesAsync, cancellationToken);
            numbers += ended.Value;
            if (ended.Kind != OutcomeKind.Done)
            {
                break;
            }
        }

        if (instances + numbers > 0)
        {
            logger.LogInformation("Lifecycle sweep: {InstanceCount} instances expired, {NumberCount} unused numbers made Invalid", instances, numbers);
        }

        return new SweepResult(instances, numbers, time.GetUtcNow().UtcDateTime);
    }

    private static async Task<Outcome<(int Instances, int Numbers)>> ExpireDueAsync(ChangeScope scope, CancellationToken cancellationToken)
    {
        var now = scope.UtcNow;
        var due = await scope.Db.Instances
            .Where(Instance.IsDueToEnd(now))
            .OrderBy(i => i.ExpiresAt).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.InstanceId })
            .Take(SweepBatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return Outcome.Replayed((0, 0), new Notice("Nothing is due."));
        }

        var ids = due.Select(i => i.Id).ToList();
        var claimed = await scope.Db.Instances
            .Where(i => ids.Contains(i.Id)).Where(Instance.IsDueToEnd(now))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InstanceStatus.Expired), cancellationToken);
        if (claimed != due.Count)
        {
            throw new DbUpdateConcurrencyException($"{due.Count - claimed} of {due.Count} due instances were changed by another node.");
        }

        foreach (var instance in due)
        {
            scope.Audit(AuditActions.InstanceExpired, AuditSubjects.Instance, instance.InstanceId, "expiry time passed; Running/Stopped -> Expired");
        }

        var ended = await EndUnusedNumbersAsync(scope, ids, cancellationToken);
        return Outcome.Done((due.Count, ended), new Notice("{0} instances expired.", due.Count));
    }

    private static async Task<Outcome<int>> EndNumbersOfEndedInstancesAsync(ChangeScope scope, CancellationToken cancellationToken)
    {
        var instanceRefs = await scope.Db.ServiceNumbers
            .Where(NumberUpdates.InStatus(NumberTransitions.EndWithInstance.From))
            .Where(n => n.Instance.Status == InstanceStatus.Expired || n.Instance.Status == InstanceStatus.Released)
            .Select(n => n.InstanceRef)
            .Distinct()
            // A defined batch (lowest instance refs first), the same on every engine: Take without an order is not.
            .OrderBy(instanceRef => instanceRef)
            .Take(SweepBatchSize)
            .ToListAsync(cancellationToken);
        if (instanceRefs.Count == 0)
        {
            return Outcome.Replayed(0, new Notice("Nothing is due."));
        }

        var ended = await EndUnusedNumbersAsync(scope, instanceRefs, cancellationToken);
        return Outcome.Done(ended, new Notice("{0} numbers ended.", ended));
    }
}

public sealed record SweepResult(int InstancesExpired, int NumbersEnded, DateTime At);
