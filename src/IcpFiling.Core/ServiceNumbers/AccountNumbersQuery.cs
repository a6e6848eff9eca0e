using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>A number as ICP No. Management lists it.</summary>
public sealed record NumberListItem(
    string Number,
    string InstanceId,
    string InstanceName,
    InstanceType InstanceType,
    DateTime IssuedAt,
    ServiceNumberStatus Status,
    IssueChannel Channel,
    int Slot,
    string? UsedForDomain,
    string? RestrictedToEmail,
    bool InstanceStopped = false)
{
    /// <summary>An unused number of a stopped instance stays Unused but cannot be used until the instance runs again.</summary>
    public bool UnusableWhileStopped => Status == ServiceNumberStatus.Unused && InstanceStopped;
}

public sealed record NumberFilter(string? Search, ServiceNumberStatus? Status, InstanceType? Type)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Search) && Status is null && Type is null;
}

/// <summary>The columns ICP No. Management can be ordered by; each has an index led by the account.</summary>
public enum NumberSort
{
    Issued,
    Number,
}

/// <summary>Reads ICP No. Management: an account's numbers, newest first.</summary>
public sealed class AccountNumbersQuery(IcpFilingDbContext db, TimeProvider time)
{
    /// <summary>Newest first.</summary>
    public static readonly ListSort<NumberSort> DefaultSort = new(NumberSort.Issued, Descending: true);

    public Task<Paged<NumberListItem>> ListAsync(
        string accountId, NumberFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        ListAsync(accountId, filter, DefaultSort, page, cancellationToken);

    public async Task<Paged<NumberListItem>> ListAsync(
        string accountId, NumberFilter filter, ListSort<NumberSort> sort, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = time.GetUtcNow().UtcDateTime;
        var query = Filtered(accountId, filter, now);

        // Every order ends in the key, so equal values keep one order from page to page.
        var ordered = (sort.Key, sort.Descending) switch
        {
            (NumberSort.Number, false) => query.OrderBy(n => n.Number).ThenBy(n => n.Id),
            (NumberSort.Number, true) => query.OrderByDescending(n => n.Number).ThenByDescending(n => n.Id),
            (_, false) => query.OrderBy(n => n.IssuedAt).ThenBy(n => n.Id),
            _ => query.OrderByDescending(n => n.IssuedAt).ThenByDescending(n => n.Id),
        };
        return await ordered
            .ToPagedAsync(page, (rows, ct) => ProjectAsync(rows, now, ct), cancellationToken);
    }

    /// <summary>The account's numbers that <paramref name="filter"/> keeps: the one filter of the page and the API.</summary>
    private IQueryable<ServiceNumber> Filtered(string accountId, NumberFilter filter, DateTime now)
    {
        var query = db.ServiceNumbers.AsNoTracking().Where(n => n.AccountId == accountId);
        if (filter.Type is { } type)
        {
            query = query.Where(n => n.InstanceType == type);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(ServiceNumber.HasEffectiveStatus(status, now, db.Instances));
        }

        return query.WhereNumberOrInstanceStartsWith(db, filter.Search);
    }

    /// <summary>
    /// The account's numbers newest first, <paramref name="size"/> at a time after <paramref name="after"/>. The seek
    /// reads only the (account, issued at, id) index; the page's rows are projected afterwards by id.
    /// </summary>
    public async Task<Slice<NumberListItem>> SliceAsync(
        string accountId, NumberFilter filter, NumberCursor? after, int size, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var query = Filtered(accountId, filter, now);
        return await NumberSlices.ReadAsync(query, after, size,
            async (ids, ct) => (await ProjectWithIdsAsync(db.ServiceNumbers.AsNoTracking().Where(n => ids.Contains(n.Id)), now, ct)),
            cancellationToken);
    }

    /// <summary>Unused numbers other accounts restricted to this one: the numbers it may use in a filing.</summary>
    public async Task<Slice<NumberListItem>> GrantedSliceAsync(string accountId, NumberCursor? after, int size, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var query = db.ServiceNumbers.AsNoTracking()
            .Where(n => n.RestrictedToAccountId == accountId && n.AccountId != accountId)
            .Where(ServiceNumber.HasEffectiveStatus(ServiceNumberStatus.Unused, now, db.Instances));
        return await NumberSlices.ReadAsync(query, after, size,
            async (ids, ct) => await ProjectWithIdsAsync(db.ServiceNumbers.AsNoTracking().Where(n => ids.Contains(n.Id)), now, ct),
            cancellationToken);
    }

    private async Task<Dictionary<long, NumberListItem>> ProjectWithIdsAsync(IQueryable<ServiceNumber> query, DateTime now, CancellationToken cancellationToken)
    {
        var ids = await query.Select(n => new { n.Id, n.Number }).ToDictionaryAsync(n => n.Number, n => n.Id, cancellationToken);
        var items = await ProjectAsync(query, now, cancellationToken);
        return items.ToDictionary(i => ids[i.Number]);
    }

    /// <summary>One of the account's numbers; null when it is not theirs.</summary>
    public async Task<NumberListItem?> FindAsync(string accountId, string? number, CancellationToken cancellationToken)
    {
        var normalized = ServiceNumberGenerator.Normalize(number);
        if (normalized is null)
        {
            return null;
        }

        var found = await ProjectAsync(
            db.ServiceNumbers.AsNoTracking().Where(n => n.AccountId == accountId && n.Number == normalized),
            time.GetUtcNow().UtcDateTime,
            cancellationToken);
        return found.SingleOrDefault();
    }

    private async Task<List<NumberListItem>> ProjectAsync(IQueryable<ServiceNumber> query, DateTime now, CancellationToken cancellationToken)
    {
        var rows = await query
            .Select(n => new
            {
                n.Number,
                n.Instance.InstanceId,
                n.Instance.Name,
                n.InstanceType,
                n.IssuedAt,
                n.Status,
                n.Channel,
                n.Slot,
                InstanceStatus = n.Instance.Status,
                n.Instance.ExpiresAt,
                UsedFor = db.Filings.Where(f => f.ServiceNumberRef == n.Id).Select(f => f.Domain).FirstOrDefault(),
                RestrictedTo = db.Users.Where(u => u.Id == n.RestrictedToAccountId).Select(u => u.Email).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        return rows.Select(r => new NumberListItem(
            r.Number, r.InstanceId, r.Name, r.InstanceType, r.IssuedAt,
            ServiceNumber.EffectiveStatusOf(r.Status, r.InstanceStatus, r.ExpiresAt, now), r.Channel, r.Slot,
            r.UsedFor, r.RestrictedTo, r.InstanceStatus == InstanceStatus.Stopped)).ToList();
    }
}
