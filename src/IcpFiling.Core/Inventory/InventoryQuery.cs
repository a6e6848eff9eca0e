using IcpFiling.Core.Audit;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Inventory;

/// <summary>One change the console recorded for the inventory, in the order it was written.</summary>
public sealed record InventoryChange(long Cursor, DateTime At, string Kind, string Id, string Action, string? Detail);

public sealed record InventoryChanges(IReadOnlyList<InventoryChange> Items, long NextCursor);

/// <summary>What the provider's systems read back: an instance as the console sees it, and the changes since a cursor.</summary>
public sealed class InventoryQuery(IcpFilingDbContext db, InstanceStandings standings, TimeProvider time)
{
    public const int MaxChanges = 500;

    private static readonly string[] InventoryActions =
    [
        AuditActions.AccountCreated, AuditActions.AccountUpdated, AuditActions.InstanceCreated, AuditActions.InstanceUpdated,
        AuditActions.InstanceExpired, AuditActions.NumberEnded, AuditActions.NumberIssued, AuditActions.NumberUsed,
        AuditActions.NumberVoided, AuditActions.HoldPlaced, AuditActions.HoldReleased, AuditActions.QuotaOverrideSet,
        AuditActions.QuotaOverrideCleared,
    ];

    /// <summary>The instance with its eligibility verdict and quota usage, judged as its owner sees it; null when unknown.</summary>
    public Task<InstanceStanding?> InstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        standings.FindAsync(instanceId, ownerId: null, time.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>
    /// What changed after <paramref name="cursor"/> (0: from the start), oldest first, at most <paramref name="limit"/>;
    /// pass the answer's NextCursor to read on.
    /// </summary>
    public async Task<InventoryChanges> ChangesAsync(long cursor, int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxChanges);
        var rows = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Id > cursor && InventoryActions.Contains(a.Action))
            .OrderBy(a => a.Id)
            .Take(limit)
            .Select(a => new InventoryChange(a.Id, a.At, a.SubjectType, a.SubjectId, a.Action, a.Detail))
            .ToListAsync(cancellationToken);
        return new InventoryChanges(rows, rows.Count == 0 ? cursor : rows[^1].Cursor);
    }
}
