using IcpFiling.Core.Paging;
using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Instances;

/// <summary>What ICP No. Application shows; <see cref="QualifiedOnly"/> keeps the instances Apply is offered for.</summary>
public sealed record InstanceFilter(string? Search, InstanceType? Type, bool QualifiedOnly = false)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Search) && Type is null && !QualifiedOnly;
}

/// <summary>The columns ICP No. Application can be ordered by; each has an index led by the owner.</summary>
public enum InstanceSort
{
    InstanceId,
    Name,
    Expires,
}

/// <summary>Reads ICP No. Application: one page of the owner's instances and, per instance, whether Apply is offered.</summary>
public sealed class OwnerInstancesQuery(IcpFilingDbContext db, InstanceStandings standings, TimeProvider time)
{
    /// <summary>By instance id, as the first column shows ids.</summary>
    public static readonly ListSort<InstanceSort> DefaultSort = new(InstanceSort.InstanceId, Descending: false);

    /// <summary>How many instances are judged at a time when only qualified ones are listed.</summary>
    private const int JudgeChunk = 500;

    public Task<Paged<InstanceStanding>> ListAsync(
        string ownerId, InstanceFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        ListAsync(ownerId, filter, DefaultSort, page, cancellationToken);

    public async Task<Paged<InstanceStanding>> ListAsync(
        string ownerId, InstanceFilter filter, ListSort<InstanceSort> sort, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Instances.AsNoTracking().Where(i => i.OwnerId == ownerId);
        if (filter.Type is { } type)
        {
            query = query.Where(i => i.Type == type);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // An owner has few instances and the owner index narrows first, so a substring match is affordable.
            var term = filter.Search.Trim();
            query = query.Where(i => i.InstanceId.Contains(term) || i.Name.Contains(term));
        }

        var ordered = Order(query, sort);
        var now = time.GetUtcNow().UtcDateTime;
        if (filter.QualifiedOnly)
        {
            return await QualifiedPageAsync(ordered, ownerId, page, now, cancellationToken);
        }

        return await ordered.ToPagedAsync<Instance, InstanceStanding>(page, async (rows, ct) =>
            [.. await standings.JudgeAsync(await rows.ToListAsync(ct), ownerId, now, ct)], cancellationToken);
    }

    /// <summary>The standing of one of the owner's instances; null when it is not theirs.</summary>
    public Task<InstanceStanding?> FindAsync(string ownerId, string instanceId, CancellationToken cancellationToken) =>
        standings.FindAsync(instanceId, ownerId, time.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>The standings of those of <paramref name="instanceIds"/> the owner has, by instance id (one query, one judging).</summary>
    public async Task<IReadOnlyDictionary<string, InstanceStanding>> FindManyAsync(
        string ownerId, IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        var rows = instanceIds.Count == 0
            ? []
            : await db.Instances.AsNoTracking().Where(i => i.OwnerId == ownerId && instanceIds.Contains(i.InstanceId)).ToListAsync(cancellationToken);
        var judged = await standings.JudgeAsync(rows, ownerId, time.GetUtcNow().UtcDateTime, cancellationToken);
        return judged.ToDictionary(s => s.Instance.InstanceId, StringComparer.Ordinal);
    }

    /// <summary>
    /// Every order ends in the key, so rows with equal values keep one order from page to page; descending runs the
    /// whole index backwards.
    /// </summary>
    private static IOrderedQueryable<Instance> Order(IQueryable<Instance> query, ListSort<InstanceSort> sort) => (sort.Key, sort.Descending) switch
    {
        (InstanceSort.Name, false) => query.OrderBy(i => i.Name).ThenBy(i => i.Id),
        (InstanceSort.Name, true) => query.OrderByDescending(i => i.Name).ThenByDescending(i => i.Id),
        (InstanceSort.Expires, false) => query.OrderBy(i => i.ExpiresAt).ThenBy(i => i.Id),
        (InstanceSort.Expires, true) => query.OrderByDescending(i => i.ExpiresAt).ThenByDescending(i => i.Id),
        (_, true) => query.OrderByDescending(i => i.InstanceId).ThenByDescending(i => i.Id),
        _ => query.OrderBy(i => i.InstanceId).ThenBy(i => i.Id),
    };

    /// <summary>
    /// Qualification is decided by the eligibility rules in code (the same ones that decide Apply), not in SQL, so
    /// the owner's instances are judged a chunk at a time in list order and only the requested page is kept.
    /// </summary>
    private async Task<Paged<InstanceStanding>> QualifiedPageAsync(
        IOrderedQueryable<Instance> ordered, string ownerId, PageRequest page, DateTime now, CancellationToken cancellationToken)
    {
        var kept = new List<InstanceStanding>();
        var total = 0;
        // Counted as the other lists count: up to the limit (or just past the page asked for), then "more than".
        var limit = Math.Max(PagingQueries.CountLimit, page.Skip + page.Size);
        for (var offset = 0; total <= limit; offset += JudgeChunk)
        {
            var rows = await ordered.Skip(offset).Take(JudgeChunk).ToListAsync(cancellationToken);
            foreach (var standing in await standings.JudgeAsync(rows, ownerId, now, cancellationToken))
            {
                if (!standing.Verdict.IsEligible)
                {
                    continue;
                }

                if (total >= page.Skip && kept.Count < page.Size)
                {
                    kept.Add(standing);
                }

                total++;
            }

            if (rows.Count < JudgeChunk)
            {
                break;
            }
        }

        if (total > limit)
        {
            return new Paged<InstanceStanding>(kept, page.Page, page.Size, limit, TotalIsExact: false);
        }

        var within = page.Within(total);
        return within == page
            ? new Paged<InstanceStanding>(kept, page.Page, page.Size, total)
            : await QualifiedPageAsync(ordered, ownerId, within, now, cancellationToken);
    }
}
