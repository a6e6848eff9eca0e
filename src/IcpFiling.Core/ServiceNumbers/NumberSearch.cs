using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>
/// "Search by number or instance ID" as prefix matches the database can answer from its indexes.
/// SQL Server seeks an index for LIKE 'prefix%' under any collation. SQLite cannot serve LIKE from its
/// case-sensitive indexes, so there the prefix becomes an ordinal range (≥ prefix and &lt; the next prefix):
/// with a million numbers, 2 ms instead of a third of a second. PostgreSQL takes the same range, on columns
/// with the "C" collation (see PostgresDialect), so it too is ordinal and answered from the index. Text that cannot be part of a number is only
/// an instance ID; otherwise the two lookups are a union, not one OR across the join, which would make the
/// database test every number of the account.
/// </summary>
public static partial class NumberSearch
{
    private static readonly string[] OrdinalRangeProviders = ["Microsoft.EntityFrameworkCore.Sqlite", "Npgsql.EntityFrameworkCore.PostgreSQL"];

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
        var byNumber = ordinalRanges ? NumberInRange(query, PrefixRange(numberTerm)) : query.Where(n => n.Number.StartsWith(numberTerm));
        return byNumber.Union(byInstance);
    }

    /// <summary>The strings that start with <paramref name="prefix"/>, ordinally, are those in [From, To).</summary>
    internal static (string From, string To) PrefixRange(string prefix) =>
        (prefix, prefix[..^1] + (char)(prefix[^1] + 1));

    private static IQueryable<ServiceNumber> NumberInRange(IQueryable<ServiceNumber> query, (string From, string To) range) =>
        query.Where(n => string.Compare(n.Number, range.From) >= 0 && string.Compare(n.Number, range.To) < 0);

    private static IQueryable<ServiceNumber> InstanceInRange(IQueryable<ServiceNumber> query, (string From, string To) range) =>
        query.Where(n => string.Compare(n.Instance.InstanceId, range.From) >= 0 && string.Compare(n.Instance.InstanceId, range.To) < 0);

    [GeneratedRegex("^[0-9a-fA-F-]{1,36}$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPrefix();
}
