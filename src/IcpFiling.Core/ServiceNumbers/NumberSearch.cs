using System.Text.RegularExpressions;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>
/// "Search by number or instance ID" as index-friendly prefix ranges (Number ≥ term and &lt; the next prefix)
/// rather than LIKE, which SQLite cannot serve from a case-sensitive index: with a million numbers the
/// difference is milliseconds against a second. Text that cannot be part of a number is only an instance ID.
/// </summary>
public static partial class NumberSearch
{
    public static IQueryable<ServiceNumber> WhereNumberOrInstanceStartsWith(this IQueryable<ServiceNumber> query, string? search)
    {
        var term = search?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            return query;
        }

        var (instanceFrom, instanceTo) = PrefixRange(term);
        if (!NumberPrefix().IsMatch(term))
        {
            return query.Where(n => string.Compare(n.Instance.InstanceId, instanceFrom) >= 0 && string.Compare(n.Instance.InstanceId, instanceTo) < 0);
        }

        // Numbers are stored lower-case. A union of two indexed lookups, not one OR across the join,
        // which would make the database test every number of the account.
        var (numberFrom, numberTo) = PrefixRange(term.ToLowerInvariant());
        return query
            .Where(n => string.Compare(n.Number, numberFrom) >= 0 && string.Compare(n.Number, numberTo) < 0)
            .Union(query.Where(n => string.Compare(n.Instance.InstanceId, instanceFrom) >= 0 && string.Compare(n.Instance.InstanceId, instanceTo) < 0));
    }

    /// <summary>The strings that start with <paramref name="prefix"/> are those in [prefix, upper).</summary>
    internal static (string From, string To) PrefixRange(string prefix) =>
        (prefix, prefix[..^1] + (char)(prefix[^1] + 1));

    [GeneratedRegex("^[0-9a-fA-F-]{1,36}$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPrefix();
}
