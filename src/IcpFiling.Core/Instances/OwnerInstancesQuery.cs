using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Paging;
using IcpFiling.Core.Persistence;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Instances;

/// <summary>An owner's instance with its quota and verdict, as ICP No. Application shows it.</summary>
public sealed record InstanceListItem(Instance Instance, InstanceTypeRule TypeRule, QuotaUsage Quota, EligibilityVerdict Verdict);

public sealed record InstanceFilter(string? Search, InstanceType? Type);

/// <summary>Reads ICP No. Application: one page of the owner's instances and, per instance, whether Apply is offered.</summary>
public sealed class OwnerInstancesQuery(IcpFilingDbContext db, InstanceTypeCatalog types, TimeProvider time)
{
    public async Task<Paged<InstanceListItem>> ListAsync(
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

        return await query.OrderBy(i => i.Name).ThenBy(i => i.Id).ToPagedAsync(page, async (rows, ct) =>
        {
            var instances = await rows.ToListAsync(ct);
            var usages = await QuotaUsagesAsync(instances, ct);
            var now = time.GetUtcNow().UtcDateTime;
            return instances.Select(instance =>
            {
                var rule = types.Get(instance.Type);
                var quota = usages[instance.Id];
                var verdict = EligibilityEvaluator.Default.Evaluate(new EligibilityContext(instance, rule, ownerId, quota, now));
                return new InstanceListItem(instance, rule, quota, verdict);
            }).ToList();
        }, cancellationToken);
    }

    /// <summary>The instance and verdict for one of the owner's instances; null when it is not theirs.</summary>
    public async Task<InstanceListItem?> FindAsync(string ownerId, string instanceId, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.AsNoTracking()
            .SingleOrDefaultAsync(i => i.InstanceId == instanceId && i.OwnerId == ownerId, cancellationToken);
        if (instance is null)
        {
            return null;
        }

        var rule = types.Get(instance.Type);
        var quota = (await QuotaUsagesAsync([instance], cancellationToken))[instance.Id];
        var verdict = EligibilityEvaluator.Default.Evaluate(
            new EligibilityContext(instance, rule, ownerId, quota, time.GetUtcNow().UtcDateTime));
        return new InstanceListItem(instance, rule, quota, verdict);
    }

    private async Task<Dictionary<int, QuotaUsage>> QuotaUsagesAsync(IReadOnlyList<Instance> instances, CancellationToken cancellationToken)
    {
        var keys = instances.ToDictionary(i => i.Id, i => QuotaKeys.For(i, types.Get(i.Type)));
        var distinctKeys = keys.Values.Distinct().ToList();
        var counts = await db.ServiceNumbers.AsNoTracking()
            .Where(n => distinctKeys.Contains(n.QuotaKey))
            .GroupBy(n => n.QuotaKey)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        return instances.ToDictionary(
            i => i.Id,
            i => new QuotaUsage(keys[i.Id], counts.GetValueOrDefault(keys[i.Id]), QuotaKeys.TotalFor(i, types.Get(i.Type))));
    }
}
