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
    int ActiveApiClients);

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
            await db.ApiClients.CountAsync(c => c.RevokedAt == null, cancellationToken));
    }
}
