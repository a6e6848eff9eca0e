using IcpFiling.Core.Paging;

namespace IcpFiling.Web;

/// <summary>
/// A sortable column header: clicking it sorts by its key, ascending first, and toggles the direction when it is
/// already the sort. Links go through <see cref="QueryLinks"/>, so filters and page size stay and the page resets.
/// </summary>
public sealed record SortHeaderModel(string Label, string Key, bool Active, bool Descending, string Url)
{
    /// <summary>The value of the header's aria-sort, only on the sorted column.</summary>
    public string? AriaSort => Active ? (Descending ? "descending" : "ascending") : null;
}

/// <summary>One column showing two values (an id over a name), sortable by either: two links in one header.</summary>
public sealed record SortHeaderPair(SortHeaderModel First, SortHeaderModel Second)
{
    /// <summary>The header's aria-sort: the direction of whichever of the two is the sort.</summary>
    public string? AriaSort => First.AriaSort ?? Second.AriaSort;

    public string SortKey => First.Active ? First.Key : Second.Active ? Second.Key : "";
}

public static class SortHeaders
{
    /// <summary>The key as links carry it: the whitelist's name in lower case.</summary>
    public static string KeyOf<TKey>(TKey key)
        where TKey : struct, Enum => key.ToString().ToLowerInvariant();

    public static SortHeaderModel SortHeader<TKey>(this HttpRequest request, string label, TKey key, ListSort<TKey> current)
        where TKey : struct, Enum
    {
        var active = EqualityComparer<TKey>.Default.Equals(current.Key, key);
        var nextDescending = active && !current.Descending;
        var url = request.With(("sort", KeyOf(key)), ("dir", nextDescending ? "desc" : "asc"), ("page", null));
        return new SortHeaderModel(label, KeyOf(key), active, active && current.Descending, url);
    }
}
