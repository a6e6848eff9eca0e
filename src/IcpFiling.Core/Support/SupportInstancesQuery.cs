using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.Persistence;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Support;

/// <summary>An instance as support's search lists it.</summary>
public sealed record SupportInstanceListItem(
    string InstanceId,
    string Name,
    InstanceType Type,
    string OwnerId,
    string? OwnerEmail,
    IReadOnlyList<string> PublicIps,
    InstanceStatus Status,
    bool OnHold,
    int? QuotaOverride);

/// <summary>A number of the reviewed instance, with the quota slot it occupies.</summary>
public sealed record SupportNumberItem(
    string Number,
    int Slot,
    DateTime IssuedAt,
    ServiceNumberStatus Status,
    DateTime? UsedAt,
    string? UsedFor,
    string? VoidReason,
    DateTime? VoidedAt)
{
    public bool CanVoid => Status == ServiceNumberStatus.Unused;
}

/// <summary>Everything support needs to answer "why can (not) this instance get a number?".</summary>
public sealed record InstanceReview(InstanceStanding Standing, string? OwnerEmail, IReadOnlyList<SupportNumberItem> Numbers);

/// <summary>The columns support's instance list can be ordered by; each has an index across all owners.</summary>
public enum SupportInstanceSort
{
    InstanceId,
    Name,
}

/// <summary>Support's read side: search any instance, and review one in full.</summary>
public sealed class SupportInstancesQuery(IcpFilingDbContext db, InstanceStandings standings, TimeProvider time)
{
    /// <summary>By instance id, as the first column shows ids.</summary>
    public static readonly ListSort<SupportInstanceSort> DefaultSort = new(SupportInstanceSort.InstanceId, Descending: false);

    public Task<Paged<SupportInstanceListItem>> SearchAsync(string? search, PageRequest page, CancellationToken cancellationToken) =>
        SearchAsync(search, DefaultSort, page, cancellationToken);

    /// <summary>Searches by instance ID (prefix), owner e-mail (prefix) or IP address (exact).</summary>
    public async Task<Paged<SupportInstanceListItem>> SearchAsync(
        string? search, ListSort<SupportInstanceSort> sort, PageRequest page, CancellationToken cancellationToken)
    {
        var query =
            from i in db.Instances.AsNoTracking()
            join u in db.Users on i.OwnerId equals u.Id into owners
            from owner in owners.DefaultIfEmpty()
            select new { Instance = i, OwnerEmail = owner.Email };

        if (!string.IsNullOrWhiteSpace(search))
        {
            var matching = MatchingInstances(search.Trim());
            query = query.Where(x => matching.Contains(x.Instance.Id));
        }

        // Instance ids are unique; names are not, so by name the key breaks ties and paging neither repeats nor skips.
        var ordered = (sort.Key, sort.Descending) switch
        {
            (SupportInstanceSort.Name, false) => query.OrderBy(x => x.Instance.Name).ThenBy(x => x.Instance.Id),
            (SupportInstanceSort.Name, true) => query.OrderByDescending(x => x.Instance.Name).ThenByDescending(x => x.Instance.Id),
            (_, true) => query.OrderByDescending(x => x.Instance.InstanceId),
            _ => query.OrderBy(x => x.Instance.InstanceId),
        };
        return await ordered.ToPagedAsync(page, (rows, ct) => rows
            .Select(x => new SupportInstanceListItem(
                x.Instance.InstanceId, x.Instance.Name, x.Instance.Type, x.Instance.OwnerId, x.OwnerEmail,
                x.Instance.PublicIps, x.Instance.Status, x.Instance.OnHold, x.Instance.QuotaOverride))
            .ToListAsync(ct), cancellationToken);
    }

    /// <summary>
    /// The instances a search names, as a union of three index lookups (instance id prefix, owner e-mail prefix, exact
    /// address in InstanceAddresses): one OR across the owner join and each instance's address list read every instance.
    /// On SQLite a prefix is an ordinal range, which its case-sensitive indexes can answer (as in NumberSearch).
    /// </summary>
    private IQueryable<int> MatchingInstances(string term)
    {
        var email = term.ToUpperInvariant();
        var ranges = db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";
        var (idFrom, idTo) = NumberSearch.PrefixRange(term);
        var (emailFrom, emailTo) = NumberSearch.PrefixRange(email);
        var byId = ranges
            ? db.Instances.Where(i => string.Compare(i.InstanceId, idFrom) >= 0 && string.Compare(i.InstanceId, idTo) < 0)
            : db.Instances.Where(i => i.InstanceId.StartsWith(term));
        var owners = ranges
            ? db.Users.Where(u => string.Compare(u.NormalizedEmail, emailFrom) >= 0 && string.Compare(u.NormalizedEmail, emailTo) < 0)
            : db.Users.Where(u => u.NormalizedEmail!.StartsWith(email));
        var ownerIds = owners.Select(u => u.Id);
        var matching = byId.Select(i => i.Id).Union(db.Instances.Where(i => ownerIds.Contains(i.OwnerId)).Select(i => i.Id));
        return PublicAddresses.Normalize(term) is { } address
            ? matching.Union(db.InstanceAddresses.Where(a => a.Address == address).Select(a => a.InstanceRef))
            : matching;
    }

    /// <summary>The full review of one instance; null when there is no such instance.</summary>
    public async Task<InstanceReview?> ReviewAsync(string instanceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Support is not the owner: judge the instance as its owner would see it, so every rule is meaningful.
        if (await standings.FindAsync(instanceId, ownerId: null, now, cancellationToken) is not { } standing)
        {
            return null;
        }

        var instance = standing.Instance;
        var ownerEmail = await db.Users.Where(u => u.Id == instance.OwnerId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);

        var rows = await db.ServiceNumbers.AsNoTracking()
            .Where(n => n.InstanceRef == instance.Id)
            .OrderBy(n => n.Slot).ThenBy(n => n.Id)
            .Select(n => new
            {
                n.Number,
                n.Slot,
                n.IssuedAt,
                n.Status,
                n.UsedAt,
                UsedFor = db.Filings.Where(f => f.ServiceNumberRef == n.Id).Select(f => f.Domain).FirstOrDefault(),
                n.VoidReason,
                n.VoidedAt,
            })
            .ToListAsync(cancellationToken);
        var numbers = rows.Select(r => new SupportNumberItem(
            r.Number, r.Slot, r.IssuedAt,
            ServiceNumber.EffectiveStatusOf(r.Status, instance.Status, instance.ExpiresAt, now),
            r.UsedAt, r.UsedFor, r.VoidReason, r.VoidedAt)).ToList();

        return new InstanceReview(standing, ownerEmail, numbers);
    }

    /// <summary>The instance a number belongs to, for pages that act on a number; null when unknown.</summary>
    public Task<string?> InstanceOfNumberAsync(string number, CancellationToken cancellationToken) =>
        db.ServiceNumbers.Where(n => n.Number == number).Select(n => n.Instance.InstanceId).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The account's e-mail, or null when no such account exists.</summary>
    public Task<string?> AccountEmailAsync(string accountId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == accountId).Select(u => u.Email ?? u.Id).SingleOrDefaultAsync(cancellationToken);
}
