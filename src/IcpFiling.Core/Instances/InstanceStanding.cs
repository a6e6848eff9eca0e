using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Persistence;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Core.Instances;

/// <summary>
/// Where an instance stands: its type's policy, how much of its quota is used, every rule's verdict, and
/// what support may do to its quota. Judged only by <see cref="InstanceStandings"/>, so the issuer, the
/// owner's list, the support review and the quota override all read the same answer.
/// </summary>
public sealed record InstanceStanding(Instance Instance, InstanceTypePolicy Policy, QuotaUsage Quota, EligibilityVerdict Verdict)
{
    /// <summary>Overrides apply to per-instance quotas only; a shared (account) quota is the type's.</summary>
    public bool QuotaOverrideAllowed => Policy.QuotaScope == QuotaScope.Instance;

    /// <summary>The smallest quota support may set: every issued number keeps its slot, and a quota is at least 1.</summary>
    public int MinimumQuotaOverride => Math.Max(1, Quota.Used);

    /// <summary>Returning to the type's quota is allowed only while that quota still covers the numbers issued.</summary>
    public bool TypeQuotaCoversIssued => Quota.Used <= Policy.Quota;
}

/// <summary>Judges instances: one batched count of quota usage for a whole page, then every rule per instance.</summary>
public sealed class InstanceStandings(IcpFilingDbContext db, InstanceTypeCatalog types, RegionCatalog regions, ChinaCalendar calendar)
{
    /// <summary>
    /// The standings of <paramref name="instances"/>, in their order, as <paramref name="accountId"/> asks
    /// (null: as each instance's owner would, which is how support reviews an instance).
    /// </summary>
    public async Task<IReadOnlyList<InstanceStanding>> JudgeAsync(
        IReadOnlyList<Instance> instances, string? accountId, DateTime utcNow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var keys = instances.Select(i => QuotaKeys.For(i, types.Get(i.Type))).Distinct().ToList();
        var used = keys.Count switch
        {
            0 => [],
            // One instance (every Apply): a count by the quota key's index, compiled once rather than looked up per call.
            1 => new Dictionary<string, int> { [keys[0]] = await UsedOf.For(db)(db, keys[0], cancellationToken) },
            _ => await db.ServiceNumbers.AsNoTracking()
                .Where(n => keys.Contains(n.QuotaKey))
                .GroupBy(n => n.QuotaKey)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken),
        };

        var settings = new RuleSettings(regions, calendar, types.MinimumRemainingMonths);
        return [.. instances.Select(instance =>
        {
            var policy = types.Get(instance.Type);
            var key = QuotaKeys.For(instance, policy);
            var quota = QuotaUsage.Of(key, used.GetValueOrDefault(key), QuotaKeys.TotalFor(instance, policy));
            var verdict = EligibilityEvaluator.Default.Evaluate(
                new EligibilityContext(instance, policy, accountId ?? instance.OwnerId, quota, utcNow, settings));
            return new InstanceStanding(instance, policy, quota, verdict);
        })];
    }

    private static readonly CompiledPerModel<Func<IcpFilingDbContext, string, CancellationToken, Task<int>>> UsedOf = new(() =>
        EF.CompileAsyncQuery((IcpFilingDbContext db, string quotaKey, CancellationToken _) => db.ServiceNumbers.Count(n => n.QuotaKey == quotaKey)));

    public async Task<InstanceStanding> JudgeAsync(Instance instance, string? accountId, DateTime utcNow, CancellationToken cancellationToken) =>
        (await JudgeAsync([instance], accountId, utcNow, cancellationToken))[0];

    /// <summary>
    /// The standing of the instance with <paramref name="instanceId"/>, judged as its owner sees it; with
    /// <paramref name="ownerId"/>, only if that account owns it. Null when there is no such instance.
    /// </summary>
    public async Task<InstanceStanding?> FindAsync(string instanceId, string? ownerId, DateTime utcNow, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.AsNoTracking()
            .SingleOrDefaultAsync(i => i.InstanceId == instanceId && (ownerId == null || i.OwnerId == ownerId), cancellationToken);
        return instance is null ? null : await JudgeAsync(instance, ownerId, utcNow, cancellationToken);
    }

}
