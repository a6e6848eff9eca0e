using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Paging;

public static class PagingQueries
{
    /// <summary>
    /// Counting stops here: past it a list says "more than 10,000" instead of reading an account's whole history on every
    /// view (at a million numbers the exact count alone took longer than the page).
    /// </summary>
    public const int CountLimit = 10_000;

    /// <summary>
    /// Counts the rows up to <see cref="CountLimit"/> (or just past the page asked for, when that lies deeper), moves a
    /// request past the end back to the last page, and reads that page of the ordered rows through
    /// <paramref name="read"/> (which projects or enriches them).
    /// </summary>
    public static async Task<Paged<TItem>> ToPagedAsync<TRow, TItem>(
        this IOrderedQueryable<TRow> ordered,
        PageRequest page,
        Func<IQueryable<TRow>, CancellationToken, Task<List<TItem>>> read,
        CancellationToken cancellationToken,
        DenseMatch<TRow>? dense = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var limit = Math.Max(CountLimit, page.Skip + page.Size);
        // One row past the limit tells "exactly the limit" from "more". A list counts in its own order, which its index
        // serves (unordered, SQLite may guess a scan stops sooner). A search an index answers out of the list's order (a
        // number prefix: the dense case) counts its matches in the orders of the indexes that find them, or the database
        // would sort every match before the limit.
        var counted = dense is null
            ? await ordered.Take(limit + 1).CountAsync(cancellationToken)
            : Math.Min(limit + 1, await dense.Matches(limit + 1).CountAsync(cancellationToken));
        var exact = counted <= limit;
        var total = Math.Min(counted, limit);
        page = page.Within(total);
        var source = dense is not null && counted > dense.MoreThan && page.Skip + page.Size <= InOrderRows ? dense.InOrder : ordered;
        var items = await read(source.Skip(page.Skip).Take(page.Size), cancellationToken);
        return new Paged<TItem>(items, page.Page, page.Size, total, exact);
    }

    /// <summary>
    /// How deep into a list a dense match's page is read by walking the list's order (see <see cref="DenseMatch{TRow}"/>):
    /// a walk reads about (rows before the page) ÷ (share of rows that match), which past this depth can cost more than
    /// reading every match.
    /// </summary>
    public const int InOrderRows = 2_000;
}

/// <summary>
/// The same rows as a filtered list, written so the database walks the list's own order and tests each row, for a
/// filter that matches more than <see cref="MoreThan"/> rows. A filter an index answers (a number prefix) is the fast
/// plan for a few matches, but for many ("a" matches one number in sixteen) it makes the database read every match and
/// sort them all for a page of twenty; walking the list's index finds those twenty after a few hundred rows. The
/// bounded count, which the indexes still answer, tells which case a request is. <see cref="Matches"/>(n) is the keys of
/// the matching rows in disjoint parts, each cut at n rows in the order of the index that finds it: as many as the
/// matches when they are fewer than n, at least n otherwise. Counting them needs no sort, and no row limit without an order.
/// </summary>
public sealed record DenseMatch<TRow>(IOrderedQueryable<TRow> InOrder, Func<int, IQueryable<long>> Matches, int MoreThan = PagingQueries.CountLimit);
