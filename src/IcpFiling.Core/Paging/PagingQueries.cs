using System.Linq.Expressions;
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
        // number prefix: the dense case) counts unordered, or the database would sort every match before the limit.
        var counted = await (dense is null ? ordered : Unordered(ordered)).Take(limit + 1).CountAsync(cancellationToken);
        var exact = counted <= limit;
        var total = Math.Min(counted, limit);
        page = page.Within(total);
        var source = dense is not null && counted > dense.MoreThan && page.Skip + page.Size <= InOrderRows ? dense.InOrder : ordered;
        var items = await read(source.Skip(page.Skip).Take(page.Size), cancellationToken);
        return new Paged<TItem>(items, page.Page, page.Size, total, exact);
    }

    private static readonly string[] OrderingMethods =
        [nameof(Queryable.OrderBy), nameof(Queryable.OrderByDescending), nameof(Queryable.ThenBy), nameof(Queryable.ThenByDescending)];

    /// <summary>The same rows without the orderings applied last.</summary>
    internal static IQueryable<TRow> Unordered<TRow>(IOrderedQueryable<TRow> ordered)
    {
        var expression = ordered.Expression;
        while (expression is MethodCallExpression call && call.Method.DeclaringType == typeof(Queryable) && OrderingMethods.Contains(call.Method.Name))
        {
            expression = call.Arguments[0];
        }

        return ordered.Provider.CreateQuery<TRow>(expression);
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
/// bounded count, which the index still answers, tells which case a request is.
/// </summary>
public sealed record DenseMatch<TRow>(IOrderedQueryable<TRow> InOrder, int MoreThan = PagingQueries.CountLimit);
