using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IcpFiling.Core.ServiceNumbers;

public enum RestrictionOutcome
{
    Restricted,
    Changed,
    Lifted,
    Unchanged,
    NotFound,
    NotUnused,
    UnknownAccount,
}

/// <summary>
/// Lets the owner of an unused number name the one account that may use it (the cross-account flow
/// of the seed, made safe against leaked numbers), change that account, or lift the restriction.
/// </summary>
public sealed class NumberRestrictions(IcpFilingDbContext db, TimeProvider time, ILogger<NumberRestrictions> logger)
{
    public async Task<RestrictionOutcome> RestrictAsync(
        string ownerId, string? numberInput, string? email, string? correlationId, CancellationToken cancellationToken)
    {
        var number = ServiceNumberGenerator.Normalize(numberInput);
        if (number is null)
        {
            return RestrictionOutcome.NotFound;
        }

        string? targetId = null;
        var targetEmail = email?.Trim();
        if (!string.IsNullOrEmpty(targetEmail))
        {
            var normalized = targetEmail.ToUpperInvariant();
            targetId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
            if (targetId is null)
            {
                return RestrictionOutcome.UnknownAccount;
            }
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var current = await db.ServiceNumbers
                .Where(n => n.Number == number && n.AccountId == ownerId)
                .Select(n => new { n.Id, n.Status, n.RestrictedToAccountId })
                .SingleOrDefaultAsync(ct);
            if (current is null)
            {
                return RestrictionOutcome.NotFound;
            }

            if (current.RestrictedToAccountId == targetId)
            {
                return current.Status == ServiceNumberStatus.Unused ? RestrictionOutcome.Unchanged : RestrictionOutcome.NotUnused;
            }

            // Only while unused, and only if nobody changed it since we read it.
            var changed = await db.ServiceNumbers
                .Where(n => n.Id == current.Id && n.Status == ServiceNumberStatus.Unused && n.RestrictedToAccountId == current.RestrictedToAccountId)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.RestrictedToAccountId, targetId), ct);
            if (changed != 1)
            {
                return RestrictionOutcome.NotUnused;
            }

            var outcome = (current.RestrictedToAccountId, targetId) switch
            {
                (null, _) => RestrictionOutcome.Restricted,
                (_, null) => RestrictionOutcome.Lifted,
                _ => RestrictionOutcome.Changed,
            };
            db.AuditEntries.Add(new AuditEntry
            {
                At = time.GetUtcNow().UtcDateTime,
                ActorId = ownerId,
                ActorRole = Roles.Owner,
                Action = outcome switch
                {
                    RestrictionOutcome.Restricted => AuditActions.NumberRestricted,
                    RestrictionOutcome.Lifted => AuditActions.NumberRestrictionLifted,
                    _ => AuditActions.NumberRestrictionChanged,
                },
                SubjectType = AuditSubjects.ServiceNumber,
                SubjectId = number,
                Detail = targetId is null ? "restriction lifted" : $"restricted to {targetEmail}",
                CorrelationId = correlationId,
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            logger.LogInformation("Service number {ServiceNumber} of account {AccountId}: {RestrictionOutcome}", number, ownerId, outcome);
            return outcome;
        }, cancellationToken);
    }
}
