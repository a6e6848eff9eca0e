using IcpFiling.Core.Paging;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.ServiceNumbers;

/// <summary>Keyset paging of numbers newest first: seek on (issued at, id), then project only the page's rows.</summary>
public static class NumberSlices
{
    public const int MaxSize = 100;

    public static async Task<Slice<T>> ReadAsync<T>(
        IQueryable<ServiceNumber> filtered,
        NumberCursor? after,
        int size,
        Func<List<long>, CancellationToken, Task<Dictionary<long, T>>> project,
        CancellationToken cancellationToken)
    {
        size = Math.Clamp(size, 1, MaxSize);
        if (after is not null)
        {
            filtered = filtered.Where(n => n.IssuedAt < after.IssuedAt || (n.IssuedAt == after.IssuedAt && n.Id < after.Id));
        }

        var keys = await filtered.OrderByDescending(n => n.IssuedAt).ThenByDescending(n => n.Id)
            .Select(n => new { n.IssuedAt, n.Id })
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        var page = keys.Take(size).ToList();
        if (page.Count == 0)
        {
            return new Slice<T>([], null);
        }

        var rows = await project(page.Select(k => k.Id).ToList(), cancellationToken);
        var next = keys.Count > size ? new NumberCursor(page[^1].IssuedAt, page[^1].Id).Encode() : null;
        return new Slice<T>([.. page.Where(k => rows.ContainsKey(k.Id)).Select(k => rows[k.Id])], next);
    }
}
