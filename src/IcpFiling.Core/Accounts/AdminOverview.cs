using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Accounts;

/// <summary>The administrators' start page figures.</summary>
public sealed record AdminCounts(
    IReadOnlyDictionary<string, int> AccountsByRole,
    int LockedOrSuspended,
    int WithoutPassword,
    int Instances,
    int LiveInstances,
    int IssuedToday,
    int IssuedThisWeek,
    int ActiveApiClients,
    RefusalCounts Refusals);

/// <summary>
/// What people were turned away by: refused applies today and this week, this week's reason codes (eligibility rule
/// ids) by how many refused applies gave them (most first), and refused inventory batches.
/// </summary>
public sealed record RefusalCounts(int AppliesToday, int AppliesThisWeek, IReadOnlyList<ReasonCount> TopApplyReasons, int InventoryBatchesThisWeek);

public sealed record ReasonCount(string Code, int Count);

/// <summary>Counts for the start page: a handful of aggregate queries, days and weeks in the console's calendar.</summary>
public sealed class AdminOverview(IcpFilingDbContext db, AccountDirectory accounts, ChinaCalendar calendar, TimeProvider time)
{
    public async Task<AdminCounts> CountAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var localToday = calendar.ToLocal(now).Date;
        var todayStart = calendar.ToUtc(localToday);
        // Weeks start on Monday, as calendars in China do.
        var weekStart = calendar.ToUtc(localToday.AddDays(-(((int)localToday.DayOfWeek + 6) % 7)));
        var suspended = await db.Users.CountAsync(u => u.Suspended, cancellationToken);
        var locks = await db.Users.Where(u => !u.Suspended && u.LockoutEnd != null).Select(u => u.LockoutEnd).ToListAsync(cancellationToken);
        return new AdminCounts(
            await accounts.CountByRoleAsync(cancellationToken),
            suspended + locks.Count(end => end > time.GetUtcNow()),
            await db.Users.CountAsync(u => u.PasswordHash == null, cancellationToken),
            await db.Instances.CountAsync(cancellationToken),
            await db.Instances.CountAsync(Instance.IsLive<Instance>(i => i, now), cancellationToken),
            await db.ServiceNumbers.CountAsync(n => n.IssuedAt >= todayStart, cancellationToken),
            await db.ServiceNumbers.CountAsync(n => n.IssuedAt >= weekStart, cancellationToken),
            await db.ApiClients.CountAsync(c => c.RevokedAt == null, cancellationToken),
            await CountRefusalsAsync(todayStart, weekStart, cancellationToken));
    }

    /// <summary>How many reasons the start page names.</summary>
    public const int TopReasonCount = 3;

    private async Task<RefusalCounts> CountRefusalsAsync(DateTime todayStart, DateTime weekStart, CancellationToken cancellationToken)
    {
        // Grouped by the whole reason list in SQL (few distinct combinations), then split into single reasons here.
        var applies = await db.Refusals
            .Where(r => r.Command == RefusedCommands.Apply && r.At >= weekStart)
            .GroupBy(r => r.Reasons)
            .Select(g => new { Reasons = g.Key, Week = g.Count(), Today = g.Count(r => r.At >= todayStart) })
            .ToListAsync(cancellationToken);
        var top = applies
            .SelectMany(g => g.Reasons.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(code => (code, g.Week)))
            .GroupBy(x => x.code, x => x.Week)
            .Select(g => new ReasonCount(g.Key, g.Sum()))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Take(TopReasonCount)
            .ToList();
        var batches = await db.Refusals.CountAsync(r => r.Command == RefusedCommands.InventoryBatch && r.At >= weekStart, cancellationToken);
        return new RefusalCounts(applies.Sum(g => g.Today), applies.Sum(g => g.Week), top, batches);
    }
}
