using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>Work done with a freshly issued number inside the issuing transaction; returns a refusal to undo everything.</summary>
public delegate Task<string?> IssueContinuation(ServiceNumber number, DateTime utcNow, CancellationToken cancellationToken);

/// <summary>
/// The one way a service number comes into being. Ownership, eligibility and quota are checked again
/// at issue time, inside a transaction; the unique indexes on (QuotaKey, Slot), Number and
/// (AccountId, IdempotencyKey) decide every race, and a lost race is retried, never surfaced as an error.
/// </summary>
public sealed class ServiceNumberIssuer(
    IcpFilingDbContext db,
    InstanceTypeCatalog types,
    TimeProvider time,
    ILogger<ServiceNumberIssuer> logger)
{
    /// <summary>Each retry means another request took a slot, so a few more than any sane quota suffices.</summary>
    internal const int MaxAttempts = 25;

    public Task<ApplyResult> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken) =>
        ApplyAsync(request, continuation: null, cancellationToken);

    /// <summary>
    /// Issues a number and, before committing, lets <paramref name="continuation"/> use it in the same
    /// transaction (a filing that selects an instance issues and uses its number in one step). When the
    /// continuation refuses, nothing is issued.
    /// </summary>
    public async Task<ApplyResult> ApplyAsync(ApplyRequest request, IssueContinuation? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApplyRequest.IsValidIdempotencyKey(request.IdempotencyKey))
        {
            throw new ArgumentException("The idempotency key must be validated by the caller.", nameof(request));
        }

        var strategy = db.Database.CreateExecutionStrategy();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // The strategy replays the whole unit on a transient fault (SQL Server); the unit is safe
                // to replay because it starts by looking for the request's earlier answer.
                return await strategy.ExecuteAsync(ct => IssueOnceAsync(request, continuation, ct), cancellationToken);
            }
            catch (DbUpdateException exception) when (attempt < MaxAttempts)
            {
                // A unique index refused the insert: another request took the slot (or the same key won).
                logger.LogDebug(exception, "Issue attempt {Attempt} for instance {InstanceId} lost a race; retrying", attempt, request.InstanceId);
            }
        }
    }

    private async Task<ApplyResult> IssueOnceAsync(ApplyRequest request, IssueContinuation? continuation, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var earlier = await db.ServiceNumbers
            .AsNoTracking()
            .Where(n => n.AccountId == request.AccountId && n.IdempotencyKey == request.IdempotencyKey)
            .Select(n => new { n.Number, n.Instance.InstanceId, n.QuotaKey, n.Slot, n.IssuedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (earlier is not null)
        {
            return earlier.InstanceId == request.InstanceId
                ? new ApplyResult.Replayed(new IssuedNumber(earlier.Number, earlier.InstanceId, earlier.QuotaKey, earlier.Slot, earlier.IssuedAt))
                : new ApplyResult.KeyReused(earlier.InstanceId);
        }

        // Touch the instance row first: the write lock it takes (on SQL Server; SQLite already holds one) makes
        // support's hold and quota changes on this instance wait for this transaction, or this one wait for
        // them, so eligibility is judged on the instance as it is when the number is issued.
        var locked = await db.Instances
            .Where(i => i.InstanceId == request.InstanceId && i.OwnerId == request.AccountId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.OnHold, i => i.OnHold), cancellationToken);
        var instance = locked == 1
            ? await db.Instances.SingleAsync(i => i.InstanceId == request.InstanceId, cancellationToken)
            : null;
        if (instance is null)
        {
            return new ApplyResult.NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var rule = types.Get(instance.Type);
        var quota = await QuotaUsageAsync(instance, rule, cancellationToken);
        var verdict = EligibilityEvaluator.Default.Evaluate(new EligibilityContext(instance, rule, request.AccountId, quota, now));
        if (!verdict.IsEligible)
        {
            return new ApplyResult.Refused(verdict.Failures);
        }

        var number = new ServiceNumber
        {
            Number = ServiceNumberGenerator.NewNumber(),
            InstanceRef = instance.Id,
            InstanceType = instance.Type,
            AccountId = request.AccountId,
            IssuedAt = now,
            Channel = request.Channel,
            QuotaKey = quota.QuotaKey,
            // Numbers are never deleted, so slots are dense: the next one is used + 1.
            Slot = quota.Used + 1,
            IdempotencyKey = request.IdempotencyKey,
        };
        db.ServiceNumbers.Add(number);
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            ActorId = request.AccountId,
            Action = AuditActions.NumberIssued,
            SubjectType = AuditSubjects.ServiceNumber,
            SubjectId = number.Number,
            ActorRole = Roles.Owner,
            Detail = $"instance={instance.InstanceId}; quota={quota.QuotaKey}; slot={number.Slot}/{quota.Total}; channel={request.Channel}",
            CorrelationId = request.CorrelationId,
        });

        if (continuation is not null && await continuation(number, now, cancellationToken) is { } stop)
        {
            // Disposing the transaction rolls back: the number was never issued.
            return new ApplyResult.Stopped(stop);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation(
            "Issued service number {ServiceNumber} for instance {InstanceId} to account {AccountId} (slot {Slot} of {QuotaKey})",
            number.Number, instance.InstanceId, request.AccountId, number.Slot, quota.QuotaKey);

        return new ApplyResult.Issued(new IssuedNumber(number.Number, instance.InstanceId, number.QuotaKey, number.Slot, number.IssuedAt));
    }

    private async Task<QuotaUsage> QuotaUsageAsync(Instance instance, InstanceTypeRule rule, CancellationToken cancellationToken)
    {
        var key = QuotaKeys.For(instance, rule);
        var used = await db.ServiceNumbers.CountAsync(n => n.QuotaKey == key, cancellationToken);
        return new QuotaUsage(key, used, QuotaKeys.TotalFor(instance, rule));
    }
}
