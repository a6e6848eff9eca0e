using IcpFiling.Core.Paging;
using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Filings;

public sealed record FilingListItem(
    long Id,
    string Domain,
    string DomainAscii,
    string SubjectName,
    string Number,
    string InstanceId,
    FilingStatus Status,
    DateTime SubmittedAt,
    DateTime? ClosedAt);

/// <summary>The columns the ICP Filing list can be ordered by; each has an index led by the account.</summary>
public enum FilingSort
{
    Submitted,
    Domain,
}

/// <summary>Reads the ICP Filing page: an account's filings, newest first.</summary>
public sealed class AccountFilingsQuery(IcpFilingDbContext db)
{
    /// <summary>Newest first.</summary>
    public static readonly ListSort<FilingSort> DefaultSort = new(FilingSort.Submitted, Descending: true);

    public Task<Paged<FilingListItem>> ListAsync(string accountId, PageRequest page, CancellationToken cancellationToken) =>
        ListAsync(accountId, DefaultSort, page, cancellationToken);

    public async Task<Paged<FilingListItem>> ListAsync(
        string accountId, ListSort<FilingSort> sort, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Filings.AsNoTracking().Where(f => f.AccountId == accountId);
        // Every order ends in the key, so filings with equal values keep one order from page to page.
        var ordered = (sort.Key, sort.Descending) switch
        {
            (FilingSort.Domain, false) => query.OrderBy(f => f.Domain).ThenBy(f => f.Id),
            (FilingSort.Domain, true) => query.OrderByDescending(f => f.Domain).ThenByDescending(f => f.Id),
            (_, false) => query.OrderBy(f => f.SubmittedAt).ThenBy(f => f.Id),
            _ => query.OrderByDescending(f => f.SubmittedAt).ThenByDescending(f => f.Id),
        };
        return await ordered.ToPagedAsync(page, (rows, ct) => Project(rows).ToListAsync(ct), cancellationToken);
    }

    /// <summary>One of the account's filings; null when it is not theirs.</summary>
    public Task<FilingListItem?> FindAsync(string accountId, long id, CancellationToken cancellationToken) =>
        Project(db.Filings.AsNoTracking().Where(f => f.AccountId == accountId && f.Id == id)).SingleOrDefaultAsync(cancellationToken);

    private static IQueryable<FilingListItem> Project(IQueryable<Filing> filings) =>
        filings.Select(f => new FilingListItem(
            f.Id, f.Domain, f.DomainAscii, f.SubjectName, f.ServiceNumber.Number, f.ServiceNumber.Instance.InstanceId,
            f.Status, f.SubmittedAt, f.ClosedAt));
}
