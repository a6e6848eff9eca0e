namespace IcpFiling.Core.Paging;

/// <summary>
/// The column a list is ordered by, from a whitelist (<typeparamref name="TKey"/>), and its direction. Parsed from
/// the URL leniently: an unknown key or direction falls back to the list's default, so no link can break a page.
/// </summary>
public readonly record struct ListSort<TKey>(TKey Key, bool Descending)
    where TKey : struct, Enum
{
    public static ListSort<TKey> Parse(string? key, string? direction, ListSort<TKey> fallback)
    {
        // Names only: Enum.TryParse would also accept "1" or "0x1", which are not keys a link ever carries.
        var name = Enum.GetNames<TKey>().FirstOrDefault(n => string.Equals(n, key?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            return fallback;
        }

        var parsed = Enum.Parse<TKey>(name);
        var descending = direction?.Trim().ToUpperInvariant() switch
        {
            "DESC" => true,
            "ASC" => false,
            _ => EqualityComparer<TKey>.Default.Equals(parsed, fallback.Key) && fallback.Descending,
        };
        return new ListSort<TKey>(parsed, descending);
    }
}
