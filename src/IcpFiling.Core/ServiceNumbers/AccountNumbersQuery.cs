using System.Linq.Expressions;
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
    bool InstanceStopped = false,
    string? RestrictionNote = null,
    DateTime? RestrictedAt = null,
    string? OwnerEmail = null)
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

/// <summary>The columns Granted to me can be ordered by; the grant date has an index led by the receiving account.</summary>
public enum GrantedSort
{
    Granted,
    Number,
}

/// <summary>Reads ICP No. Management: an account's numbers, newest first.</summary>
public sealed class AccountNumbersQuery(IcpFilingDbContext db, TimeProvider time)
{
    /// <summary>Newest first.</summary>
    public static readonly ListSort<NumberSort> DefaultSort = new(NumberSort.Issued, Descending: true);

    /// <summary>Latest grant first.</summary>
    public static readonly ListSort<GrantedSort> DefaultGrantedSort = new(GrantedSort.Granted, Descending: true);

    public Task<Paged<NumberListItem>> ListAsync(
        string accountId, NumberFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        ListAsync(accountId, filter, DefaultSort, page, cancellationToken);

    public async Task<Paged<NumberListItem>> ListAsync(
        string accountId, NumberFilter filter, ListSort<NumberSort> sort, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = time.GetUtcNow().UtcDateTime;
        var query = Filtered(accountId, filter, now);
        var unsearched = FilteredExceptSearch(accountId, filter, now);
        var inOrder = unsearched.WhereNumberOrInstanceStartsWithInOrder(db, filter.Search);

        return await Ordered(query, sort).ToPagedAsync(
            page,
            (rows, ct) => ProjectAsync(rows, now, ct),
            cancellationToken,
            inOrder is null ? null : new DenseMatch<ServiceNumber>(
                Ordered(inOrder, sort), atMost => unsearched.NumberOrInstanceMatchIds(db, filter.Search, atMost)!, DenseSearchAbove));
    }

    /// <summary>Matches past which a number search reads its page in the list's order; tests lower it.</summary>
    internal int DenseSearchAbove { get; init; } = PagingQueries.CountLimit;

    /// <summary>Every number the filter keeps, in the page's order, streamed from the database (the CSV export).</summary>
    public async IAsyncEnumerable<NumberListItem> StreamAsync(
        string accountId, NumberFilter filter, ListSort<NumberSort> sort,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = time.GetUtcNow().UtcDateTime;
        await foreach (var row in Project(Ordered(Filtered(accountId, filter, now), sort), withOwner: false).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row.ToItem(now);
        }
    }

    // Every order ends in the key, so equal values keep one order from page to page.
    private static IOrderedQueryable<ServiceNumber> Ordered(IQueryable<ServiceNumber> query, ListSort<NumberSort> sort) =>
        (sort.Key, sort.Descending) switch
        {
            (NumberSort.Number, false) => query.OrderBy(n => n.Number).ThenBy(n => n.Id),
            (NumberSort.Number, true) => query.OrderByDescending(n => n.Number).ThenByDescending(n => n.Id),
            (_, false) => query.OrderBy(n => n.IssuedAt).ThenBy(n => n.Id),
            _ => query.OrderByDescending(n => n.IssuedAt).ThenByDescending(n => n.Id),
        };

    /// <summary>The account's numbers that <paramref name="filter"/> keeps: the one filter of the page and the API.</summary>
    private IQueryable<ServiceNumber> Filtered(string accountId, NumberFilter filter, DateTime now) =>
        FilteredExceptSearch(accountId, filter, now).WhereMatchesSearch(db, filter.Search);

    private IQueryable<ServiceNumber> FilteredExceptSearch(string accountId, NumberFilter filter, DateTime now)
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

        return query;
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

    /// <summary>Unused numbers other accounts restricted to this one, newest first by issue (the API's cursor paging).</summary>
    public async Task<Slice<NumberListItem>> GrantedSliceAsync(string accountId, NumberCursor? after, int size, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await NumberSlices.ReadAsync(Granted(accountId, now), after, size,
            async (ids, ct) => await ProjectWithIdsAsync(db.ServiceNumbers.AsNoTracking().Where(n => ids.Contains(n.Id)), now, ct, withOwner: true),
            cancellationToken);
    }

    /// <summary>Granted to me: the same numbers as <see cref="GrantedSliceAsync"/>, a page at a time, with who granted each.</summary>
    public async Task<Paged<NumberListItem>> GrantedAsync(
        string accountId, ListSort<GrantedSort> sort, PageRequest page, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var query = Granted(accountId, now);
        var ordered = (sort.Key, sort.Descending) switch
        {
            (GrantedSort.Number, false) => query.OrderBy(n => n.Number).ThenBy(n => n.Id),
            (GrantedSort.Number, true) => query.OrderByDescending(n => n.Number).ThenByDescending(n => n.Id),
            (_, false) => query.OrderBy(n => n.RestrictedAt).ThenBy(n => n.Id),
            _ => query.OrderByDescending(n => n.RestrictedAt).ThenByDescending(n => n.Id),
        };
        return await ordered.ToPagedAsync(page, (rows, ct) => ProjectAsync(rows, now, ct, withOwner: true), cancellationToken);
    }

    /// <summary>
    /// The one rule of "granted to me": unused (effectively: its instance is live) numbers of another account restricted
    /// to this one, i.e. the numbers this account may use in a filing. The page and the API both read it.
    /// </summary>
    private IQueryable<ServiceNumber> Granted(string accountId, DateTime now) =>
        db.ServiceNumbers.AsNoTracking()
            .Where(n => n.RestrictedToAccountId == accountId && n.AccountId != accountId)
            .Where(ServiceNumber.HasEffectiveStatus(ServiceNumberStatus.Unused, now, db.Instances));

    private async Task<Dictionary<long, NumberListItem>> ProjectWithIdsAsync(
        IQueryable<ServiceNumber> query, DateTime now, CancellationToken cancellationToken, bool withOwner = false)
    {
        var ids = await query.Select(n => new { n.Id, n.Number }).ToDictionaryAsync(n => n.Number, n => n.Id, cancellationToken);
        var items = await ProjectAsync(query, now, cancellationToken, withOwner);
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

    private async Task<List<NumberListItem>> ProjectAsync(
        IQueryable<ServiceNumber> query, DateTime now, CancellationToken cancellationToken, bool withOwner = false) =>
        [.. (await Project(query, withOwner).ToListAsync(cancellationToken)).Select(r => r.ToItem(now))];

    /// <summary>The columns of a listed number; the issuing account's e-mail only where another account reads the row.</summary>
    private IQueryable<NumberRow> Project(IQueryable<ServiceNumber> query, bool withOwner) =>
        query.Select(Columns.Bind(db, withOwner));

    // Built once: a lambda written in place is rebuilt on every call, by reflection, a twentieth of a list page's cost.
    private static readonly Expression<Func<IcpFilingDbContext, bool, ServiceNumber, NumberRow>> Columns = (db, withOwner, n) => new NumberRow(
        n.Number,
        n.Instance.InstanceId,
        n.Instance.Name,
        n.InstanceType,
        n.IssuedAt,
        n.Status,
        n.Channel,
        n.Slot,
        n.Instance.Status,
        n.Instance.ExpiresAt,
        db.Filings.Where(f => f.ServiceNumberRef == n.Id).Select(f => f.Domain).FirstOrDefault(),
        db.Users.Where(u => u.Id == n.RestrictedToAccountId).Select(u => u.Email).FirstOrDefault(),
        n.RestrictionNote,
        n.RestrictedAt,
        withOwner ? db.Users.Where(u => u.Id == n.AccountId).Select(u => u.Email).FirstOrDefault() : null);

    private sealed record NumberRow(
        string Number,
        string InstanceId,
        string Name,
        InstanceType InstanceType,
        DateTime IssuedAt,
        ServiceNumberStatus Status,
        IssueChannel Channel,
        int Slot,
        InstanceStatus InstanceStatus,
        DateTime ExpiresAt,
        string? UsedFor,
        string? RestrictedTo,
        string? RestrictionNote,
        DateTime? RestrictedAt,
        string? OwnerEmail)
    {
        public NumberListItem ToItem(DateTime now) => new(
            Number, InstanceId, Name, InstanceType, IssuedAt,
            ServiceNumber.EffectiveStatusOf(Status, InstanceStatus, ExpiresAt, now), Channel, Slot,
            UsedFor, RestrictedTo, InstanceStatus == InstanceStatus.Stopped, RestrictionNote, RestrictedAt, OwnerEmail);
    }
}
