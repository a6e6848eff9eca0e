using System.Text.RegularExpressions;
using IcpFiling.Core.Filings;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>
/// "Search by number or instance ID" as prefix matches the database can answer from its indexes.
/// SQL Server seeks an index for LIKE 'prefix%' under any collation. SQLite cannot serve LIKE from its
/// case-sensitive indexes, so there the prefix becomes an ordinal range (≥ prefix and &lt; the next prefix):
/// with a million numbers, 2 ms instead of a third of a second. PostgreSQL takes the same range, on columns
/// with the "C" collation (see PostgresDialect), so it too is ordinal and answered from the index. Text that cannot be part of a number is only
/// an instance ID. Otherwise the two lookups are combined without an OR across the join, which would make the
/// database test every number of the account: an OR of two indexed conditions on SQLite, a union of ids elsewhere.
/// </summary>
public static partial class NumberSearch
{
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    private static readonly string[] OrdinalRangeProviders = [SqliteProvider, "Npgsql.EntityFrameworkCore.PostgreSQL"];

    public static IQueryable<ServiceNumber> WhereNumberOrInstanceStartsWith(
        this IQueryable<ServiceNumber> query, DbContext db, string? search)
    {
        var term = search?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            return query;
        }

        var ordinalRanges = OrdinalRangeProviders.Contains(db.Database.ProviderName);
        var byInstance = ordinalRanges ? InstanceInRange(query, PrefixRange(term)) : query.Where(n => n.Instance.InstanceId.StartsWith(term));
        if (!NumberPrefix().IsMatch(term))
        {
            return byInstance;
        }

        // Numbers are stored lower-case.
        var numberTerm = term.ToLowerInvariant();
        if (db.Database.ProviderName == SqliteProvider)
        {
            // SQLite answers this OR from two indexes (a "multi-index OR") and stops a bounded count early.
            var (from, to) = PrefixRange(numberTerm);
            var instances = InstanceIdsStartingWith(db, term);
            return query.Where(n => (string.Compare(n.Number, from) >= 0 && string.Compare(n.Number, to) < 0) || instances.Contains(n.InstanceRef));
        }

        // Elsewhere a union, of ids only: deduplicating whole rows would copy every matching row's columns.
        var byNumber = ordinalRanges ? NumberInRange(query, PrefixRange(numberTerm)) : query.Where(n => n.Number.StartsWith(numberTerm));
        var matching = byNumber.Select(n => n.Id).Union(byInstance.Select(n => n.Id));
        return query.Where(n => matching.Contains(n.Id));
    }

    /// <summary>
    /// ICP No. Management's one search box: it tells from the text what was meant. An IP address (or the start of
    /// one: digits and dots, or anything with a colon) finds the numbers of the instances with that address; text with
    /// a dot finds the numbers used for websites whose domain starts with it; anything else is a number or instance ID
    /// prefix. Each is driven by an index on the searched value (addresses, filing domains, numbers, instance ids).
    /// </summary>
    public static IQueryable<ServiceNumber> WhereMatchesSearch(this IQueryable<ServiceNumber> query, IcpFilingDbContext db, string? search)
    {
        var term = search?.Trim();
        return KindOf(term) switch
        {
            NumberSearchKind.Address => WhereInstanceAddress(query, db, term!),
            NumberSearchKind.Website => WhereUsedForWebsite(query, db, term!),
            NumberSearchKind.NumberOrInstance => query.WhereNumberOrInstanceStartsWith(db, term),
            _ => query,
        };
    }

    /// <summary>
    /// The same matches as <see cref="WhereNumberOrInstanceStartsWith"/>, written so no index can answer the number
    /// prefix: the database then walks the list's own order and tests each row, which is the fast plan when the prefix
    /// matches many numbers (see <see cref="Paging.DenseMatch{TRow}"/>). Null when the text is not a number prefix.
    /// </summary>
    public static IQueryable<ServiceNumber>? WhereNumberOrInstanceStartsWithInOrder(
        this IQueryable<ServiceNumber> query, DbContext db, string? search)
    {
        var term = search?.Trim();
        if (KindOf(term) != NumberSearchKind.NumberOrInstance || !NumberPrefix().IsMatch(term!))
        {
            return null;
        }

        var numberTerm = term!.ToLowerInvariant();
        var instances = InstanceIdsStartingWith(db, term);
        // StartsWith is LIKE 'prefix%' (SQLite's LIKE ignores case, so its case-sensitive index cannot serve it; the
        // numbers are lower-case either way), and one unindexable side keeps the whole OR off the indexes.
        return query.Where(n => n.Number.StartsWith(numberTerm) || instances.Contains(n.InstanceRef));
    }

    /// <summary>
    /// The ids of the numbers <see cref="WhereNumberOrInstanceStartsWith"/> keeps, for a bounded count (see
    /// <see cref="Paging.DenseMatch{TRow}.Matches"/>): those whose number starts with the text, then those of the instances
    /// whose id does and whose number does not, each part cut at <paramref name="atMost"/> in the order of its index
    /// (account and number; instance and issue time). Null when the text is not a number prefix.
    /// </summary>
    public static IQueryable<long>? NumberOrInstanceMatchIds(this IQueryable<ServiceNumber> query, DbContext db, string? search, int atMost)
    {
        var term = search?.Trim();
        if (KindOf(term) != NumberSearchKind.NumberOrInstance || !NumberPrefix().IsMatch(term!))
        {
            return null;
        }

        var numberTerm = term!.ToLowerInvariant();
        var instances = InstanceIdsStartingWith(db, term);
        IQueryable<ServiceNumber> byNumber, byInstanceOnly;
        if (OrdinalRangeProviders.Contains(db.Database.ProviderName))
        {
            var (from, to) = PrefixRange(numberTerm);
            byNumber = NumberInRange(query, (from, to));
            byInstanceOnly = query.Where(n => !(string.Compare(n.Number, from) >= 0 && string.Compare(n.Number, to) < 0));
        }
        else
        {
            byNumber = query.Where(n => n.Number.StartsWith(numberTerm));
            byInstanceOnly = query.Where(n => !n.Number.StartsWith(numberTerm));
        }

        return byNumber.OrderBy(n => n.Number).ThenBy(n => n.Id).Select(n => n.Id).Take(atMost)
            .Concat(byInstanceOnly.Where(n => instances.Contains(n.InstanceRef)).OrderBy(n => n.InstanceRef).ThenBy(n => n.IssuedAt)
                .Select(n => n.Id).Take(atMost));
    }

    /// <summary>What a search text is taken for.</summary>
    public static NumberSearchKind KindOf(string? search)
    {
        var term = search?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            return NumberSearchKind.None;
        }

        if (PublicAddresses.Normalize(term) is not null || AddressPrefix().IsMatch(term) || term.Contains(':', StringComparison.Ordinal))
        {
            return NumberSearchKind.Address;
        }

        return term.Contains('.', StringComparison.Ordinal) ? NumberSearchKind.Website : NumberSearchKind.NumberOrInstance;
    }

    /// <summary>A whole address matches exactly; a partial one ("47.96.") by prefix of the canonical text.</summary>
    private static IQueryable<ServiceNumber> WhereInstanceAddress(IQueryable<ServiceNumber> query, IcpFilingDbContext db, string term)
    {
        IQueryable<InstanceAddress> addresses = db.InstanceAddresses;
        if (PublicAddresses.Normalize(term) is { } address)
        {
            addresses = addresses.Where(a => a.Address == address);
        }
        else
        {
            var prefix = term.ToLowerInvariant();
            var range = PrefixRange(prefix);
            addresses = OrdinalRangeProviders.Contains(db.Database.ProviderName)
                ? addresses.Where(a => string.Compare(a.Address, range.From) >= 0 && string.Compare(a.Address, range.To) < 0)
                : addresses.Where(a => a.Address.StartsWith(prefix));
        }

        var instances = addresses.Select(a => a.InstanceRef);
        return query.Where(n => instances.Contains(n.InstanceRef));
    }

    /// <summary>The numbers used in a filing of a domain that starts with the text (in ASCII, as filings store it).</summary>
    private static IQueryable<ServiceNumber> WhereUsedForWebsite(IQueryable<ServiceNumber> query, IcpFilingDbContext db, string term)
    {
        var prefix = DomainName.Parse(term) is { Domain: { } domain } ? domain.Ascii : term.ToLowerInvariant();
        var range = PrefixRange(prefix);
        var filings = OrdinalRangeProviders.Contains(db.Database.ProviderName)
            ? db.Filings.Where(f => string.Compare(f.DomainAscii, range.From) >= 0 && string.Compare(f.DomainAscii, range.To) < 0)
            : db.Filings.Where(f => f.DomainAscii.StartsWith(prefix));
        var numbers = filings.Select(f => f.ServiceNumberRef);
        return query.Where(n => numbers.Contains(n.Id));
    }

    /// <summary>The strings that start with <paramref name="prefix"/>, ordinally, are those in [From, To).</summary>
    internal static (string From, string To) PrefixRange(string prefix) =>
        (prefix, prefix[..^1] + (char)(prefix[^1] + 1));

    private static IQueryable<ServiceNumber> NumberInRange(IQueryable<ServiceNumber> query, (string From, string To) range) =>
        query.Where(n => string.Compare(n.Number, range.From) >= 0 && string.Compare(n.Number, range.To) < 0);

    /// <summary>The ids of the instances whose id starts with <paramref name="term"/>: an ordinal range where the column allows one.</summary>
    private static IQueryable<int> InstanceIdsStartingWith(DbContext db, string term)
    {
        if (!OrdinalRangeProviders.Contains(db.Database.ProviderName))
        {
            return db.Set<Instance>().Where(i => i.InstanceId.StartsWith(term)).Select(i => i.Id);
        }

        var (from, to) = PrefixRange(term);
        return db.Set<Instance>().Where(i => string.Compare(i.InstanceId, from) >= 0 && string.Compare(i.InstanceId, to) < 0).Select(i => i.Id);
    }

    private static IQueryable<ServiceNumber> InstanceInRange(IQueryable<ServiceNumber> query, (string From, string To) range) =>
        query.Where(n => string.Compare(n.Instance.InstanceId, range.From) >= 0 && string.Compare(n.Instance.InstanceId, range.To) < 0);

    [GeneratedRegex("^[0-9a-fA-F-]{1,36}$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPrefix();

    /// <summary>The start of an IPv4 address: digits with at least one dot ("47.96." or "47.96.1").</summary>
    [GeneratedRegex(@"^[0-9]{1,3}(\.[0-9]{0,3}){1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex AddressPrefix();
}

/// <summary>What ICP No. Management's search text was taken for.</summary>
public enum NumberSearchKind
{
    None,
    NumberOrInstance,
    Address,
    Website,
}
