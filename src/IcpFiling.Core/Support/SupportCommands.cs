using System.Globalization;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IcpFiling.Core.Support;

/// <summary>
/// Support staff's changes: hold and release an instance, set and clear its quota override, void an unused
/// number. Each needs a reason, runs as one change with its audit row, and decides races with a
/// conditional update that must touch exactly one row. Each answers the instance concerned.
/// </summary>
public sealed class SupportCommands(
    ChangeRunner changes,
    InstanceStandings standings,
    IOptionsMonitor<SupportOptions> options,
    ILogger<SupportCommands> logger)
{
    public Task<Outcome<string>> PlaceHoldAsync(Actor actor, string instanceId, string? reason, CancellationToken cancellationToken) =>
        WithReasonAsync(actor, reason, cancellationToken, async (scope, why, ct) =>
        {
            var changed = await scope.Db.Instances
                .Where(i => i.InstanceId == instanceId && !i.OnHold)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.OnHold, true).SetProperty(i => i.HoldReason, why), ct);
            if (changed != 1)
            {
                return await ExistsAsync(scope, instanceId, ct)
                    ? Outcome.Refused(field: null, "Instance {0} is already on hold.", instanceId)
                    : Outcome.NotFound;
            }

            scope.Audit(AuditActions.HoldPlaced, AuditSubjects.Instance, instanceId, "no new numbers while on hold", why);
            logger.LogInformation("Support {ActorId} placed instance {InstanceId} on hold", scope.Actor.AccountId, instanceId);
            return Outcome.Done(instanceId, new Notice("Instance {0} is on hold: it gets no new numbers until released.", instanceId));
        });

    public Task<Outcome<string>> ReleaseHoldAsync(Actor actor, string instanceId, string? reason, CancellationToken cancellationToken) =>
        WithReasonAsync(actor, reason, cancellationToken, async (scope, why, ct) =>
        {
            var changed = await scope.Db.Instances
                .Where(i => i.InstanceId == instanceId && i.OnHold)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.OnHold, false).SetProperty(i => i.HoldReason, (string?)null), ct);
            if (changed != 1)
            {
                return await ExistsAsync(scope, instanceId, ct)
                    ? Outcome.Refused(field: null, "Instance {0} is not on hold.", instanceId)
                    : Outcome.NotFound;
            }

            scope.Audit(AuditActions.HoldReleased, AuditSubjects.Instance, instanceId, reason: why);
            logger.LogInformation("Support {ActorId} released the hold on instance {InstanceId}", scope.Actor.AccountId, instanceId);
            return Outcome.Done(instanceId, new Notice("The hold on instance {0} is released.", instanceId));
        });

    /// <summary>Sets a per-instance quota: at least <see cref="InstanceStanding.MinimumQuotaOverride"/>, at most the configured maximum.</summary>
    public Task<Outcome<string>> SetQuotaOverrideAsync(Actor actor, string instanceId, int quota, string? reason, CancellationToken cancellationToken) =>
        WithReasonAsync(actor, reason, cancellationToken, async (scope, why, ct) =>
        {
            if (await StandingAsync(scope, instanceId, ct) is not { } standing)
            {
                return Outcome.NotFound;
            }

            if (!standing.QuotaOverrideAllowed)
            {
                return Outcome.Refused(QuotaField, SharedQuotaMessage, standing.Policy.DisplayName);
            }

            var maximum = options.CurrentValue.MaxQuotaOverride;
            if (quota > maximum)
            {
                return Outcome.Refused(QuotaField, "The quota override can be at most {0}.", maximum);
            }

            var issued = standing.Quota.Used;
            if (quota < standing.MinimumQuotaOverride)
            {
                return Outcome.Refused(QuotaField,
                    "The quota override must be at least {0}: {1} number(s) were already issued for this instance.", standing.MinimumQuotaOverride, issued);
            }

            var previous = standing.Instance.QuotaOverride;
            if (!await SetGuardedAsync(scope, standing, quota, quota, ct))
            {
                return Conflict(instanceId);
            }

            scope.Audit(AuditActions.QuotaOverrideSet, AuditSubjects.Instance, instanceId, string.Create(CultureInfo.InvariantCulture,
                $"quota {previous?.ToString(CultureInfo.InvariantCulture) ?? $"type default {standing.Policy.Quota}"} -> {quota}; issued {issued}"), why);
            logger.LogInformation(
                "Support {ActorId} set the quota override of instance {InstanceId} to {Quota} (was {PreviousQuota})",
                scope.Actor.AccountId, instanceId, quota, previous);
            return Outcome.Done(instanceId, new Notice("The quota of instance {0} is now {1}.", instanceId, quota));
        });

    /// <summary>Returns the instance to its type's quota, which must still cover the numbers already issued.</summary>
    public Task<Outcome<string>> ClearQuotaOverrideAsync(Actor actor, string instanceId, string? reason, CancellationToken cancellationToken) =>
        WithReasonAsync(actor, reason, cancellationToken, async (scope, why, ct) =>
        {
            if (await StandingAsync(scope, instanceId, ct) is not { } standing)
            {
                return Outcome.NotFound;
            }

            if (standing.Instance.QuotaOverride is not { } previous)
            {
                return Outcome.Refused(field: null, "Instance {0} has no quota override.", instanceId);
            }

            var typeQuota = standing.Policy.Quota;
            if (!standing.TypeQuotaCoversIssued)
            {
                return Outcome.Refused(field: null,
                    "The type's quota of {0} is below the {1} number(s) already issued for instance {2}: keep an override of at least {1}.",
                    typeQuota, standing.Quota.Used, instanceId);
            }

            if (!await SetGuardedAsync(scope, standing, null, typeQuota, ct))
            {
                return Conflict(instanceId);
            }

            scope.Audit(AuditActions.QuotaOverrideCleared, AuditSubjects.Instance, instanceId,
                string.Create(CultureInfo.InvariantCulture, $"quota {previous} -> type default {typeQuota}; issued {standing.Quota.Used}"), why);
            logger.LogInformation(
                "Support {ActorId} cleared the quota override {PreviousQuota} of instance {InstanceId}", scope.Actor.AccountId, previous, instanceId);
            return Outcome.Done(instanceId, new Notice("Instance {0} is back to its type's quota of {1}.", instanceId, typeQuota));
        });

    /// <summary>Makes an unused number Invalid for ever. It keeps its quota slot: it was issued.</summary>
    public Task<Outcome<string>> VoidNumberAsync(Actor actor, string? numberInput, string? reason, CancellationToken cancellationToken)
    {
        var number = ServiceNumberGenerator.Normalize(numberInput);
        return number is null
            ? Task.FromResult<Outcome<string>>(Outcome.NotFound)
            : WithReasonAsync(actor, reason, cancellationToken, async (scope, why, ct) =>
            {
                var found = await scope.Db.ServiceNumbers.Where(n => n.Number == number)
                    .Select(n => new { n.Status, n.Instance.InstanceId })
                    .SingleOrDefaultAsync(ct);
                if (found is null)
                {
                    return Outcome.NotFound;
                }

                var changed = await scope.Db.ServiceNumbers
                    .Where(n => n.Number == number)
                    .ApplyAsync(NumberTransitions.Void, scope.UtcNow, ct, why);
                if (changed != 1)
                {
                    return Outcome.Refused(summary: null,
                        NumberTransitions.Void.Refusal(found.Status, NumberMessages.VoidRefused(found.Status, number)));
                }

                scope.Audit(AuditActions.NumberVoided, AuditSubjects.ServiceNumber, number,
                    $"instance={found.InstanceId}; Unused -> Invalid; still counts against the quota", why);
                logger.LogInformation(
                    "Support {ActorId} voided service number {ServiceNumber} of instance {InstanceId}", scope.Actor.AccountId, number, found.InstanceId);
                return Outcome.Done(found.InstanceId, new Notice("Number {0} is void: it is Invalid and can never be used.", number));
            });
    }

    public const string SharedQuotaMessage =
        "{0} quotas are shared by the account's instances of the type: a per-instance override does not apply.";

    /// <summary>The request field a quota refusal is about.</summary>
    private const string QuotaField = "Quota";

    private static Failure Conflict(string instanceId) =>
        Outcome.Refused(field: null, "Instance {0} changed while you were working. Review it and try again.", instanceId);

    private static Task<bool> ExistsAsync(ChangeScope scope, string instanceId, CancellationToken cancellationToken) =>
        scope.Db.Instances.AnyAsync(i => i.InstanceId == instanceId, cancellationToken);

    /// <summary>Judged as the owner sees it, at the change's own "now".</summary>
    private Task<InstanceStanding?> StandingAsync(ChangeScope scope, string instanceId, CancellationToken cancellationToken) =>
        standings.FindAsync(instanceId, ownerId: null, scope.UtcNow, cancellationToken);

    /// <summary>
    /// Sets the override only if nobody changed it since it was read, and no number was issued past
    /// <paramref name="allowed"/> in the meantime: the database decides, not the check above.
    /// </summary>
    private static async Task<bool> SetGuardedAsync(ChangeScope scope, InstanceStanding standing, int? quota, int allowed, CancellationToken cancellationToken)
    {
        var id = standing.Instance.Id;
        var previous = standing.Instance.QuotaOverride;
        var key = standing.Quota.QuotaKey;
        var db = scope.Db;
        return await db.Instances
            .Where(i => i.Id == id && i.QuotaOverride == previous && db.ServiceNumbers.Count(n => n.QuotaKey == key) <= allowed)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.QuotaOverride, quota), cancellationToken) == 1;
    }

    /// <summary>Validates the reason, then runs the change as <paramref name="actor"/>.</summary>
    private Task<Outcome<string>> WithReasonAsync(
        Actor actor, string? reasonInput, CancellationToken cancellationToken,
        Func<ChangeScope, string, CancellationToken, Task<Outcome<string>>> change)
    {
        var reason = AuditReason.Normalize(reasonInput, out var problem);
        return reason is null
            ? Task.FromResult<Outcome<string>>(Outcome.Invalid(problem!))
            : changes.RunAsync(actor, (scope, ct) => change(scope, reason, ct), cancellationToken);
    }
}
