using System.Globalization;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Persistence;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IcpFiling.Core.Support;

public enum SupportOutcome
{
    Done,
    NotFound,
    InvalidReason,
    AlreadyOnHold,
    NotOnHold,
    SharedQuota,
    BelowIssued,
    AboveMaximum,
    NoOverride,
    NotUnused,
    AlreadyInvalid,
    Conflict,
}

/// <summary>
/// What a support action answered. <see cref="Message"/> is English and the localization key, formatted
/// with <see cref="Arguments"/>; <see cref="InstanceId"/> is the instance concerned, when known.
/// </summary>
public sealed record SupportActionResult(SupportOutcome Outcome, string? InstanceId, string Message, params object[] Arguments)
{
    public bool Succeeded => Outcome == SupportOutcome.Done;
}

/// <summary>Who acts: a support account, and the request that carried the action.</summary>
public sealed record SupportActor(string AccountId, string? CorrelationId);

/// <summary>
/// Support staff's changes: hold and release an instance, set and clear its quota override, void an unused
/// number. Each needs a reason, runs in one transaction with its audit row, and decides races with a
/// conditional update that must touch exactly one row. Refusals are results.
/// </summary>
public sealed class SupportActions(
    IcpFilingDbContext db,
    InstanceTypeCatalog types,
    IOptionsMonitor<SupportOptions> options,
    TimeProvider time,
    ILogger<SupportActions> logger)
{
    public Task<SupportActionResult> PlaceHoldAsync(SupportActor actor, string instanceId, string? reasonInput, CancellationToken cancellationToken) =>
        WithReasonAsync(instanceId, reasonInput, cancellationToken, async (reason, now, ct) =>
        {
            var changed = await db.Instances
                .Where(i => i.InstanceId == instanceId && !i.OnHold)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.OnHold, true).SetProperty(i => i.HoldReason, reason), ct);
            if (changed != 1)
            {
                return await db.Instances.AnyAsync(i => i.InstanceId == instanceId, ct)
                    ? new(SupportOutcome.AlreadyOnHold, instanceId, "Instance {0} is already on hold.", instanceId)
                    : NotFound(instanceId);
            }

            Audit(actor, now, AuditActions.HoldPlaced, AuditSubjects.Instance, instanceId, reason, "no new numbers while on hold");
            logger.LogInformation("Support {ActorId} placed instance {InstanceId} on hold", actor.AccountId, instanceId);
            return new(SupportOutcome.Done, instanceId, "Instance {0} is on hold: it gets no new numbers until released.", instanceId);
        });

    public Task<SupportActionResult> ReleaseHoldAsync(SupportActor actor, string instanceId, string? reasonInput, CancellationToken cancellationToken) =>
        WithReasonAsync(instanceId, reasonInput, cancellationToken, async (reason, now, ct) =>
        {
            var changed = await db.Instances
                .Where(i => i.InstanceId == instanceId && i.OnHold)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.OnHold, false).SetProperty(i => i.HoldReason, (string?)null), ct);
            if (changed != 1)
            {
                return await db.Instances.AnyAsync(i => i.InstanceId == instanceId, ct)
                    ? new(SupportOutcome.NotOnHold, instanceId, "Instance {0} is not on hold.", instanceId)
                    : NotFound(instanceId);
            }

            Audit(actor, now, AuditActions.HoldReleased, AuditSubjects.Instance, instanceId, reason, null);
            logger.LogInformation("Support {ActorId} released the hold on instance {InstanceId}", actor.AccountId, instanceId);
            return new(SupportOutcome.Done, instanceId, "The hold on instance {0} is released.", instanceId);
        });

    /// <summary>Sets a per-instance quota: at least the numbers already issued (and 1), at most the configured maximum.</summary>
    public Task<SupportActionResult> SetQuotaOverrideAsync(
        SupportActor actor, string instanceId, int quota, string? reasonInput, CancellationToken cancellationToken) =>
        WithReasonAsync(instanceId, reasonInput, cancellationToken, async (reason, now, ct) =>
        {
            var instance = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.InstanceId == instanceId, ct);
            if (instance is null)
            {
                return NotFound(instanceId);
            }

            var rule = types.Get(instance.Type);
            if (rule.QuotaScope != QuotaScope.Instance)
            {
                return new(SupportOutcome.SharedQuota, instanceId,
                    "{0} quotas are shared by the account's instances of the type: a per-instance override does not apply.", rule.DisplayName);
            }

            var maximum = options.CurrentValue.MaxQuotaOverride;
            if (quota > maximum)
            {
                return new(SupportOutcome.AboveMaximum, instanceId, "The quota override can be at most {0}.", maximum);
            }

            var key = QuotaKeys.For(instance, rule);
            var issued = await db.ServiceNumbers.CountAsync(n => n.QuotaKey == key, ct);
            var minimum = Math.Max(1, issued);
            if (quota < minimum)
            {
                return new(SupportOutcome.BelowIssued, instanceId,
                    "The quota override must be at least {0}: {1} number(s) were already issued for this instance.", minimum, issued);
            }

            // Nobody changed the override, and no number was issued past the new quota, since we read them.
            var previous = instance.QuotaOverride;
            var changed = await db.Instances
                .Where(i => i.Id == instance.Id && i.QuotaOverride == previous
                    && db.ServiceNumbers.Count(n => n.QuotaKey == key) <= quota)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.QuotaOverride, quota), ct);
            if (changed != 1)
            {
                return Conflict(instanceId);
            }

            Audit(actor, now, AuditActions.QuotaOverrideSet, AuditSubjects.Instance, instanceId, reason,
                string.Create(CultureInfo.InvariantCulture, $"quota {previous?.ToString(CultureInfo.InvariantCulture) ?? $"type default {rule.Quota}"} -> {quota}; issued {issued}"));
            logger.LogInformation(
                "Support {ActorId} set the quota override of instance {InstanceId} to {Quota} (was {PreviousQuota})",
                actor.AccountId, instanceId, quota, previous);
            return new(SupportOutcome.Done, instanceId, "The quota of instance {0} is now {1}.", instanceId, quota);
        });

    /// <summary>Returns the instance to its type's quota.</summary>
    public Task<SupportActionResult> ClearQuotaOverrideAsync(SupportActor actor, string instanceId, string? reasonInput, CancellationToken cancellationToken) =>
        WithReasonAsync(instanceId, reasonInput, cancellationToken, async (reason, now, ct) =>
        {
            var instance = await db.Instances.AsNoTracking()
                .Where(i => i.InstanceId == instanceId)
                .Select(i => new { i.Id, i.Type, i.QuotaOverride })
                .SingleOrDefaultAsync(ct);
            if (instance is null)
            {
                return NotFound(instanceId);
            }

            if (instance.QuotaOverride is not { } previous)
            {
                return new(SupportOutcome.NoOverride, instanceId, "Instance {0} has no quota override.", instanceId);
            }

            var changed = await db.Instances
                .Where(i => i.Id == instance.Id && i.QuotaOverride == previous)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.QuotaOverride, (int?)null), ct);
            if (changed != 1)
            {
                return Conflict(instanceId);
            }

            var typeQuota = types.Get(instance.Type).Quota;
            Audit(actor, now, AuditActions.QuotaOverrideCleared, AuditSubjects.Instance, instanceId, reason,
                string.Create(CultureInfo.InvariantCulture, $"quota {previous} -> type default {typeQuota}"));
            logger.LogInformation(
                "Support {ActorId} cleared the quota override {PreviousQuota} of instance {InstanceId}", actor.AccountId, previous, instanceId);
            return new(SupportOutcome.Done, instanceId, "Instance {0} is back to its type's quota of {1}.", instanceId, typeQuota);
        });

    /// <summary>Makes an unused number Invalid for ever. It keeps its quota slot: it was issued.</summary>
    public async Task<SupportActionResult> VoidNumberAsync(
        SupportActor actor, string? numberInput, string? reasonInput, CancellationToken cancellationToken)
    {
        var number = ServiceNumberGenerator.Normalize(numberInput);
        if (number is null)
        {
            return new(SupportOutcome.NotFound, null, "No service identification number matches what you entered.");
        }

        var instanceId = await db.ServiceNumbers.Where(n => n.Number == number).Select(n => n.Instance.InstanceId).SingleOrDefaultAsync(cancellationToken);
        if (instanceId is null)
        {
            return new(SupportOutcome.NotFound, null, "No service identification number matches what you entered.");
        }

        return await WithReasonAsync(instanceId, reasonInput, cancellationToken, async (reason, now, ct) =>
        {
            var changed = await db.ServiceNumbers
                .Where(n => n.Number == number && n.Status == ServiceNumberStatus.Unused)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(n => n.Status, ServiceNumberStatus.Invalid)
                    .SetProperty(n => n.VoidReason, reason)
                    .SetProperty(n => n.VoidedAt, now), ct);
            if (changed != 1)
            {
                var status = await db.ServiceNumbers.Where(n => n.Number == number).Select(n => n.Status).SingleAsync(ct);
                return status == ServiceNumberStatus.Used
                    ? new(SupportOutcome.NotUnused, instanceId, "Number {0} is used: a used number cannot be voided.", number)
                    : new(SupportOutcome.AlreadyInvalid, instanceId, "Number {0} is already invalid.", number);
            }

            Audit(actor, now, AuditActions.NumberVoided, AuditSubjects.ServiceNumber, number, reason,
                $"instance={instanceId}; Unused -> Invalid; still counts against the quota");
            logger.LogInformation("Support {ActorId} voided service number {ServiceNumber} of instance {InstanceId}", actor.AccountId, number, instanceId);
            return new(SupportOutcome.Done, instanceId, "Number {0} is void: it is Invalid and can never be used.", number);
        });
    }

    private static SupportActionResult NotFound(string instanceId) =>
        new(SupportOutcome.NotFound, instanceId, "No instance {0} exists.", instanceId);

    private static SupportActionResult Conflict(string instanceId) =>
        new(SupportOutcome.Conflict, instanceId, "Instance {0} changed while you were working. Review it and try again.", instanceId);

    /// <summary>Validates the reason, then runs the change and its audit row in one transaction, committed only when done.</summary>
    private async Task<SupportActionResult> WithReasonAsync(
        string instanceId,
        string? reasonInput,
        CancellationToken cancellationToken,
        Func<string, DateTime, CancellationToken, Task<SupportActionResult>> change)
    {
        var reason = AuditReason.Normalize(reasonInput, out var error);
        if (reason is null)
        {
            return new(SupportOutcome.InvalidReason, instanceId, error!);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await change(reason, time.GetUtcNow().UtcDateTime, ct);
            if (result.Succeeded)
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }

            return result;
        }, cancellationToken);
    }

    private void Audit(SupportActor actor, DateTime now, string action, string subjectType, string subjectId, string reason, string? detail) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            ActorId = actor.AccountId,
            ActorRole = Roles.Support,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            Reason = reason,
            Detail = detail,
            CorrelationId = actor.CorrelationId,
        });
}
