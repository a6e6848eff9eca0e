using IcpFiling.Core.Accounts;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.Persistence;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Resellers;

/// <summary>A reseller's customer account with its counts.</summary>
public sealed record CustomerSummary(
    string AccountId,
    string Email,
    string DisplayName,
    int Instances,
    int Issued,
    int Unused,
    int Used,
    int Invalid);

/// <summary>A customer for filter lists.</summary>
public sealed record CustomerOption(string AccountId, string Email);

/// <summary>A number issued to one of the reseller's customers.</summary>
public sealed record ResellerNumberRow(
    string Number,
    string CustomerId,
    string CustomerEmail,
    string InstanceId,
    InstanceType InstanceType,
    DateTime IssuedAt,
    ServiceNumberStatus Status,
    string? UsedFor);

/// <summary>The Issued numbers filters; <see cref="IssuedTo"/> is inclusive (a whole UTC day).</summary>
public sealed record ResellerNumberFilter(
    string? CustomerId = null,
    ServiceNumberStatus? Status = null,
    InstanceType? Type = null,
    DateOnly? IssuedFrom = null,
    DateOnly? IssuedTo = null,
    string? Search = null);

/// <summary>The columns Issued numbers can be ordered by.</summary>
public enum ResellerNumberSort
{
    Issued,
    Number,
}

/// <summary>The columns the reseller's customer list can be ordered by; each has an index led by the reseller.</summary>
public enum CustomerSort
{
    Email,
    Name,
}

/// <summary>
/// The reseller's read-only view: its customers (accounts whose ResellerId is the reseller) and the
/// numbers issued to them. Everything is scoped by the reseller's ID, so another account's data never shows.
/// </summary>
public sealed class ResellerQuery(IcpFilingDbContext db, TimeProvider time, ChinaCalendar calendar)
{
    /// <summary>Newest first.</summary>
    public static readonly ListSort<ResellerNumberSort> DefaultNumberSort = new(ResellerNumberSort.Issued, Descending: true);

    /// <summary>By e-mail, as the first column shows e-mails.</summary>
    public static readonly ListSort<CustomerSort> DefaultCustomerSort = new(CustomerSort.Email, Descending: false);

    /// <summary>Whether the account is one of the reseller's customers (anything else is not found, whoever it is).</summary>
    public Task<bool> IsCustomerAsync(string resellerId, string customerId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id == customerId && u.ResellerId == resellerId, cancellationToken);

    public Task<List<CustomerOption>> CustomerOptionsAsync(string resellerId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking()
            .Where(u => u.ResellerId == resellerId)
            .OrderBy(u => u.Email)
            .Select(u => new CustomerOption(u.Id, u.Email ?? u.Id))
            .ToListAsync(cancellationToken);

    public Task<Paged<CustomerSummary>> CustomersAsync(string resellerId, PageRequest page, CancellationToken cancellationToken) =>
        CustomersAsync(resellerId, DefaultCustomerSort, page, cancellationToken);

    public Task<Paged<CustomerSummary>> CustomersAsync(
        string resellerId, ListSort<CustomerSort> sort, PageRequest page, CancellationToken cancellationToken)
    {
        var customers = db.Users.AsNoTracking().Where(u => u.ResellerId == resellerId);
        // Every order ends in the key, so customers with one name keep one order from page to page.
        var ordered = (sort.Key, sort.Descending) switch
        {
            (CustomerSort.Name, false) => customers.OrderBy(u => u.DisplayName).ThenBy(u => u.Id),
            (CustomerSort.Name, true) => customers.OrderByDescending(u => u.DisplayName).ThenByDescending(u => u.Id),
            (_, true) => customers.OrderByDescending(u => u.Email).ThenByDescending(u => u.Id),
            _ => customers.OrderBy(u => u.Email).ThenBy(u => u.Id),
        };
        return ordered.ToPagedAsync(page, SummariesAsync, cancellationToken);
    }

    /// <summary>One page of customers with their counts of instances and numbers by effective status.</summary>
    private async Task<List<CustomerSummary>> SummariesAsync(IQueryable<ApplicationUser> customers, CancellationToken cancellationToken)
    {
        var accounts = await customers
            .Select(u => new { u.Id, u.Email, u.DisplayName })
            .ToListAsync(cancellationToken);
        var ids = accounts.Select(a => a.Id).ToList();

        var instances = await db.Instances
            .Where(i => ids.Contains(i.OwnerId))
            .GroupBy(i => i.OwnerId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        // Counted by effective status (an unused number of a dead instance is Invalid), with the filter the lists use.
        var now = time.GetUtcNow().UtcDateTime;
        var numbers = db.ServiceNumbers.Where(n => ids.Contains(n.AccountId));
        var total = await CountByAccountAsync(numbers, cancellationToken);
        var unused = await CountByAccountAsync(numbers.Where(ServiceNumber.HasEffectiveStatus(ServiceNumberStatus.Unused, now, db.Instances)), cancellationToken);
        var used = await CountByAccountAsync(numbers.Where(ServiceNumber.HasEffectiveStatus(ServiceNumberStatus.Used, now, db.Instances)), cancellationToken);
        var invalid = await CountByAccountAsync(numbers.Where(ServiceNumber.HasEffectiveStatus(ServiceNumberStatus.Invalid, now, db.Instances)), cancellationToken);

        var items = accounts.Select(a => new CustomerSummary(
            a.Id, a.Email ?? a.Id, a.DisplayName, instances.GetValueOrDefault(a.Id), total.GetValueOrDefault(a.Id),
            unused.GetValueOrDefault(a.Id), used.GetValueOrDefault(a.Id), invalid.GetValueOrDefault(a.Id))).ToList();
        return items;
    }

    private static Task<Dictionary<string, int>> CountByAccountAsync(IQueryable<ServiceNumber> numbers, CancellationToken cancellationToken) =>
        numbers.GroupBy(n => n.AccountId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    public Task<Paged<ResellerNumberRow>> NumbersAsync(
        string resellerId, ResellerNumberFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        NumbersAsync(resellerId, filter, DefaultNumberSort, page, cancellationToken);

    public async Task<Paged<ResellerNumberRow>> NumbersAsync(
        string resellerId, ResellerNumberFilter filter, ListSort<ResellerNumberSort> sort, PageRequest page, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var query = Filtered(resellerId, filter, now);
        return await Ordered(query, sort).ToPagedAsync(
            page, async (rows, ct) => (await Project(rows).ToListAsync(ct)).Select(r => r.ToRow(now)).ToList(), cancellationToken);
    }

    /// <summary>The customers' numbers newest first, keyset-paged (the API), with the CSV's fields.</summary>
    public async Task<Slice<ResellerNumberRow>> NumbersSliceAsync(
        string resellerId, ResellerNumberFilter filter, NumberCursor? after, int size, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await NumberSlices.ReadAsync(Filtered(resellerId, filter, now), after, size, async (ids, ct) =>
        {
            var rows = await db.ServiceNumbers.AsNoTracking().Where(n => ids.Contains(n.Id))
                .Select(n => new { n.Id, n.Number }).ToDictionaryAsync(n => n.Number, n => n.Id, ct);
            var projected = await Project(db.ServiceNumbers.AsNoTracking().Where(n => ids.Contains(n.Id))).ToListAsync(ct);
            return projected.ToDictionary(r => rows[r.Number], r => r.ToRow(now));
        }, cancellationToken);
    }

    /// <summary>The reseller's customers by e-mail, <paramref name="size"/> after the account <paramref name="afterId"/>.</summary>
    public async Task<Slice<CustomerSummary>> CustomersSliceAsync(string resellerId, string? afterId, int size, CancellationToken cancellationToken)
    {
        size = Math.Clamp(size, 1, PageRequest.MaxSize);
        var customers = db.Users.AsNoTracking().Where(u => u.ResellerId == resellerId);
        if (!string.IsNullOrEmpty(afterId))
        {
            var after = await customers.Where(u => u.Id == afterId).Select(u => new { u.Email, u.Id }).SingleOrDefaultAsync(cancellationToken);
            if (after is not null)
            {
                customers = customers.Where(u => string.Compare(u.Email, after.Email) > 0
                    || (u.Email == after.Email && string.Compare(u.Id, after.Id) > 0));
            }
        }

        var page = await SummariesAsync(customers.OrderBy(u => u.Email).ThenBy(u => u.Id).Take(size + 1), cancellationToken);
        return page.Count > size ? new Slice<CustomerSummary>(page[..size], page[size - 1].AccountId) : new Slice<CustomerSummary>(page, null);
    }

    /// <summary>Every filtered row, newest first, streamed from the database (for the CSV export).</summary>
    public IAsyncEnumerable<ResellerNumberRow> StreamNumbersAsync(
        string resellerId, ResellerNumberFilter filter, CancellationToken cancellationToken) =>
        StreamNumbersAsync(resellerId, filter, DefaultNumberSort, cancellationToken);

    /// <summary>Every filtered row, in the page's order, streamed from the database (for the CSV export).</summary>
    public async IAsyncEnumerable<ResellerNumberRow> StreamNumbersAsync(
        string resellerId, ResellerNumberFilter filter, ListSort<ResellerNumberSort> sort,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await foreach (var row in Project(Ordered(Filtered(resellerId, filter, now), sort)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row.ToRow(now);
        }
    }

    private IQueryable<ServiceNumber> Filtered(string resellerId, ResellerNumberFilter filter, DateTime now)
    {
        // A number carries its account's reseller (ResellerNumbers), so the customers' numbers are one index range
        // of (ResellerId, IssuedAt, Id) or (ResellerId, Number, Id), in the list's order.
        var query = db.ServiceNumbers.AsNoTracking().Where(n => n.ResellerId == resellerId);
        if (!string.IsNullOrEmpty(filter.CustomerId))
        {
            query = query.Where(n => n.AccountId == filter.CustomerId);
        }

        if (filter.Type is { } type)
        {
            query = query.Where(n => n.InstanceType == type);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(ServiceNumber.HasEffectiveStatus(status, now, db.Instances));
        }

        if (filter.IssuedFrom is { } from)
        {
            // Dates are days of the console's calendar (China Standard Time), like the dates the pages show.
            var start = calendar.StartOf(from);
            query = query.Where(n => n.IssuedAt >= start);
        }

        // The last day has no next day to compare against; the web layer bounds dates, this keeps the query total.
        if (filter.IssuedTo is { } to && to < DateOnly.MaxValue)
        {
            var end = calendar.StartOf(to.AddDays(1));
            query = query.Where(n => n.IssuedAt < end);
        }

        return query.WhereNumberOrInstanceStartsWith(db, filter.Search);
    }

    /// <summary>Every order ends in the key, so numbers issued in the same instant keep one order from page to page.</summary>
    private static IOrderedQueryable<ServiceNumber> Ordered(IQueryable<ServiceNumber> query, ListSort<ResellerNumberSort> sort) =>
        (sort.Key, sort.Descending) switch
        {
            (ResellerNumberSort.Number, false) => query.OrderBy(n => n.Number).ThenBy(n => n.Id),
            (ResellerNumberSort.Number, true) => query.OrderByDescending(n => n.Number).ThenByDescending(n => n.Id),
            (_, false) => query.OrderBy(n => n.IssuedAt).ThenBy(n => n.Id),
            _ => query.OrderByDescending(n => n.IssuedAt).ThenByDescending(n => n.Id),
        };

    private IQueryable<RawRow> Project(IQueryable<ServiceNumber> query) =>
        query.Select(n => new RawRow(
            n.Number,
            n.AccountId,
            db.Users.Where(u => u.Id == n.AccountId).Select(u => u.Email).FirstOrDefault(),
            n.Instance.InstanceId,
            n.InstanceType,
            n.IssuedAt,
            n.Status,
            n.Instance.Status,
            n.Instance.ExpiresAt,
            db.Filings.Where(f => f.ServiceNumberRef == n.Id).Select(f => f.Domain).FirstOrDefault()));

    private sealed record RawRow(
        string Number,
        string AccountId,
        string? Email,
        string InstanceId,
        InstanceType InstanceType,
        DateTime IssuedAt,
        ServiceNumberStatus Status,
        InstanceStatus InstanceStatus,
        DateTime ExpiresAt,
        string? UsedFor)
    {
        public ResellerNumberRow ToRow(DateTime now) => new(
            Number, AccountId, Email ?? AccountId, InstanceId, InstanceType, IssuedAt,
            ServiceNumber.EffectiveStatusOf(Status, InstanceStatus, ExpiresAt, now), UsedFor);
    }
}
