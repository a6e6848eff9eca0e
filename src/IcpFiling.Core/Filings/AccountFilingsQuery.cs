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

/// <summary>Reads the ICP Filing page: an account's filings, newest first.</summary>
public sealed class AccountFilingsQuery(IcpFilingDbContext db)
{
    public async Task<Paged<FilingListItem>> ListAsync(string accountId, PageRequest page, CancellationToken cancellationToken)
    {
        return await db.Filings.AsNoTracking()
            .Where(f => f.AccountId == accountId)
            .OrderByDescending(f => f.SubmittedAt).ThenByDescending(f => f.Id)
            .ToPagedAsync(page, (rows, ct) => Project(rows).ToListAsync(ct), cancellationToken);
    }

    /// <summary>One of the account's filings; null when it is not theirs.</summary>
    public Task<FilingListItem?> FindAsync(string accountId, long id, CancellationToken cancellationToken) =>
        Project(db.Filings.AsNoTracking().Where(f => f.AccountId == accountId && f.Id == id)).SingleOrDefaultAsync(cancellationToken);

    private static IQueryable<FilingListItem> Project(IQueryable<Filing> filings) =>
        filings.Select(f => new FilingListItem(
            f.Id, f.Domain, f.DomainAscii, f.SubjectName, f.ServiceNumber.Number, f.ServiceNumber.Instance.InstanceId,
            f.Status, f.SubmittedAt, f.ClosedAt));
}
