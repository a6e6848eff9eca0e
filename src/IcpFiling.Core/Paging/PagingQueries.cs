using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Paging;

public static class PagingQueries
{
    /// <summary>
    /// Counts the rows, moves a request past the end back to the last page, and reads that page of the
    /// ordered rows through <paramref name="read"/> (which projects or enriches them).
    /// </summary>
    public static async Task<Paged<TItem>> ToPagedAsync<TRow, TItem>(
        this IOrderedQueryable<TRow> ordered,
        PageRequest page,
        Func<IQueryable<TRow>, CancellationToken, Task<List<TItem>>> read,
        CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        page = page.Within(total);
        var items = await read(ordered.Skip(page.Skip).Take(page.Size), cancellationToken);
        return new Paged<TItem>(items, page.Page, page.Size, total);
    }
}
