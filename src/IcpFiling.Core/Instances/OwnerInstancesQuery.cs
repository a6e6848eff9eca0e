using IcpFiling.Core.Paging;
using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Instances;

public sealed record InstanceFilter(string? Search, InstanceType? Type);

/// <summary>Reads ICP No. Application: one page of the owner's instances and, per instance, whether Apply is offered.</summary>
public sealed class OwnerInstancesQuery(IcpFilingDbContext db, InstanceStandings standings, TimeProvider time)
{
    public async Task<Paged<InstanceStanding>> ListAsync(
        string ownerId, InstanceFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
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

        return await query.OrderBy(i => i.Name).ThenBy(i => i.Id).ToPagedAsync<Instance, InstanceStanding>(page, async (rows, ct) =>
            [.. await standings.JudgeAsync(await rows.ToListAsync(ct), ownerId, time.GetUtcNow().UtcDateTime, ct)], cancellationToken);
    }

    /// <summary>The standing of one of the owner's instances; null when it is not theirs.</summary>
    public Task<InstanceStanding?> FindAsync(string ownerId, string instanceId, CancellationToken cancellationToken) =>
        standings.FindAsync(instanceId, ownerId, time.GetUtcNow().UtcDateTime, cancellationToken);
}
