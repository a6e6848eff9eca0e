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
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var limit = Math.Max(CountLimit, page.Skip + page.Size);
        // One row past the limit tells "exactly the limit" from "more".
        var counted = await ordered.Take(limit + 1).CountAsync(cancellationToken);
        var exact = counted <= limit;
        var total = Math.Min(counted, limit);
        page = page.Within(total);
        var items = await read(ordered.Skip(page.Skip).Take(page.Size), cancellationToken);
        return new Paged<TItem>(items, page.Page, page.Size, total, exact);
    }
}
