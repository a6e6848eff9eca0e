using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Audit;

/// <summary>
/// What administrators search the whole audit trail by: the actor (an e-mail or an actor id such as
/// <c>api-client:3</c>), the action (exact, or a family such as <c>account.</c>), the subject's id, and days in the
/// console's calendar (both inclusive).
/// </summary>
public sealed record AuditFilter(string? Actor, string? Action, string? Subject, DateOnly? From, DateOnly? To);

/// <summary>Searches every audit row, newest first, as pages and as a stream for CSV; rows are <see cref="AuditRow"/>s, as every history shows them.</summary>
public sealed class AuditSearch(IcpFilingDbContext db, ChinaCalendar calendar)
{
    public async Task<Paged<AuditRow>> SearchAsync(AuditFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var rows = await FilteredAsync(filter, cancellationToken);
        return await rows.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .ToPagedAsync(page, (pageRows, ct) => Project(pageRows).ToListAsync(ct), cancellationToken);
    }

    public async IAsyncEnumerable<AuditRow> StreamAsync(AuditFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = await FilteredAsync(filter, cancellationToken);
        await foreach (var row in Project(rows.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>The distinct actions stored, for the filter's choices.</summary>
    public Task<List<string>> ActionsAsync(CancellationToken cancellationToken) =>
        db.AuditEntries.Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);

    private async Task<IQueryable<AuditEntry>> FilteredAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var rows = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim();
            var normalized = actor.ToUpperInvariant();
            var byEmail = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
            rows = rows.Where(a => a.ActorId == (byEmail ?? actor));
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            rows = action.EndsWith('.') ? rows.Where(a => a.Action.StartsWith(action)) : rows.Where(a => a.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Subject))
        {
            var subject = filter.Subject.Trim();
            // An account may be named by its e-mail; anything else by its id (instance id, number, filing id).
            var accountId = await db.Users.Where(u => u.NormalizedEmail == subject.ToUpperInvariant()).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
            rows = rows.Where(a => a.SubjectId == subject || (accountId != null && a.SubjectId == accountId));
        }

        if (filter.From is { } from)
        {
            var start = calendar.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            rows = rows.Where(a => a.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = calendar.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            rows = rows.Where(a => a.At < end);
        }

        return rows;
    }

    private IQueryable<AuditRow> Project(IQueryable<AuditEntry> rows) => AuditRows.Of(rows, db);
}
