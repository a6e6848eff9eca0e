using System.Linq.Expressions;
using IcpFiling.Core.Paging;
using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Audit;

/// <summary>
/// One line of a history as pages show it: the entry, the actor's e-mail when the account exists, and the subject's
/// name as people know it (<see cref="SubjectName"/>: an account's e-mail, a filing's domain), so no page shows an
/// internal id where a name exists.
/// </summary>
public sealed record AuditRow(
    long Id,
    DateTime At,
    string ActorId,
    string? ActorEmail,
    string? ActorRole,
    string Action,
    string SubjectType,
    string SubjectId,
    string? SubjectName,
    string? Reason,
    string? Detail,
    string? CorrelationId,
    AuditChannel? Channel = null);

/// <summary>
/// Reads the append-only history, newest first. There is deliberately no write method here other than
/// adding rows in the transaction of a change: nothing updates or deletes an entry.
/// </summary>
public sealed class AuditHistoryQuery(IcpFilingDbContext db)
{
    /// <summary>
    /// An account's history: what the account did, and what anyone did to the account, its instances,
    /// its numbers and its filings.
    /// </summary>
    public Task<Paged<AuditRow>> ForAccountAsync(string accountId, PageRequest page, CancellationToken cancellationToken)
    {
        var numbers = db.ServiceNumbers.Where(n => n.AccountId == accountId).Select(n => n.Number);
        var instances = db.Instances.Where(i => i.OwnerId == accountId).Select(i => i.InstanceId);
        var filings = db.Filings.Where(f => f.AccountId == accountId).Select(f => f.Id.ToString());
        return PageAsync(
            a => a.ActorId == accountId
                || (a.SubjectType == AuditSubjects.Account && a.SubjectId == accountId)
                || (a.SubjectType == AuditSubjects.ServiceNumber && numbers.Contains(a.SubjectId))
                || (a.SubjectType == AuditSubjects.Instance && instances.Contains(a.SubjectId))
                || (a.SubjectType == AuditSubjects.Filing && filings.Contains(a.SubjectId)),
            page,
            cancellationToken);
    }

    /// <summary>An instance's history: the instance itself, the numbers issued for it and the filings made with them.</summary>
    public Task<Paged<AuditRow>> ForInstanceAsync(string instanceId, PageRequest page, CancellationToken cancellationToken)
    {
        var numbers = db.ServiceNumbers.Where(n => n.Instance.InstanceId == instanceId).Select(n => n.Number);
        var filings = db.Filings.Where(f => f.ServiceNumber.Instance.InstanceId == instanceId).Select(f => f.Id.ToString());
        return PageAsync(
            a => (a.SubjectType == AuditSubjects.Instance && a.SubjectId == instanceId)
                || (a.SubjectType == AuditSubjects.ServiceNumber && numbers.Contains(a.SubjectId))
                || (a.SubjectType == AuditSubjects.Filing && filings.Contains(a.SubjectId)),
            page,
            cancellationToken);
    }

    /// <summary>The account's latest sign-ins, completed or refused, newest first.</summary>
    public async Task<IReadOnlyList<AuditRow>> SignInsAsync(string accountId, int count, CancellationToken cancellationToken)
    {
        var page = await PageAsync(
            a => a.SubjectType == AuditSubjects.Account && a.SubjectId == accountId
                && (a.Action == AuditActions.SignedIn || a.Action == AuditActions.SignInFailed || a.Action == AuditActions.LockedOut),
            new PageRequest(1, count),
            cancellationToken);
        return page.Items;
    }

    private Task<Paged<AuditRow>> PageAsync(
        Expression<Func<AuditEntry, bool>> predicate, PageRequest page, CancellationToken cancellationToken) =>
        db.AuditEntries.AsNoTracking()
            .Where(predicate)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .ToPagedAsync(page, (rows, ct) => AuditRows.Of(rows, db).ToListAsync(ct), cancellationToken);
}

/// <summary>
/// Audit entries as the history pages show them, with the acting account's e-mail and the subject's name: one
/// projection for every history query, in the page's one SQL command. The Web's HistoryDescriber turns these rows
/// into sentences; it reads nothing else.
/// </summary>
internal static class AuditRows
{
    public static IQueryable<AuditRow> Of(IQueryable<AuditEntry> rows, IcpFilingDbContext db) => rows.Select(a => new AuditRow(
        a.Id,
        a.At,
        a.ActorId,
        db.Users.Where(u => u.Id == a.ActorId).Select(u => u.Email).FirstOrDefault(),
        a.ActorRole,
        a.Action,
        a.SubjectType,
        a.SubjectId,
        a.SubjectType == AuditSubjects.Account ? db.Users.Where(u => u.Id == a.SubjectId).Select(u => u.Email).FirstOrDefault()
            // Submissions carry their domain in the detail; only a cancellation or removal needs the filing's row.
            : a.Action == AuditActions.FilingCancelled || a.Action == AuditActions.FilingProviderRemoved
                ? db.Filings.Where(f => f.Id.ToString() == a.SubjectId).Select(f => f.Domain).FirstOrDefault()
                : null,
        a.Reason,
        a.Detail,
        a.CorrelationId,
        a.Channel));
}
