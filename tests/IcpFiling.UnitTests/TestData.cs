using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Instances;
using IcpFiling.Core.ServiceNumbers;
using Shared = IcpFiling.Tests.Shared;

namespace IcpFiling.UnitTests;

/// <summary>A fixed clock, the docs/RULES.md (types and quotas) table and an instance that meets every rule, for tests to spoil one thing at a time.</summary>
internal static class TestData
{
    public const string Owner = "9f0c2d4e-1b7a-4c3e-8d5f-6a7b8c9d0e1f";
    public const string OtherAccount = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d";

    /// <summary>Fixed "now": tests never read the machine clock.</summary>
    public static readonly DateTime Now = new(2026, 11, 26, 8, 30, 0, DateTimeKind.Utc);

    /// <summary>The instance type table of docs/RULES.md (types and quotas) (shared with the integration tests).</summary>
    public static InstanceTypeOptions DomainTable() => Shared.DomainTable.Options();

    public static InstanceTypePolicy RuleFor(InstanceType type) => DomainTable().Types[type];

    public static InstanceTypePolicy Rule(
        string displayName, int minimumPurchaseMonths, int quota,
        QuotaScope scope = QuotaScope.Instance, decimal? minimumOrderAmount = null) =>
        Shared.DomainTable.Rule(displayName, minimumPurchaseMonths, quota, scope, minimumOrderAmount);

    /// <summary>An instance of <paramref name="type"/> that meets every rule at <see cref="Now"/>.</summary>
    public static Instance QualifiedInstance(InstanceType type = InstanceType.Ecs, string instanceId = "i-bp1g6zv0ce8oghu7abcd") =>
        Shared.QualifiedInstance.Build(Owner, instanceId, Now, type);

    /// <summary>What the rules see for <paramref name="instance"/>, asked by its owner, with an unused quota unless told.</summary>
    public static EligibilityContext Context(
        Instance instance, InstanceTypePolicy? rule = null, string? accountId = null, QuotaUsage? quota = null, DateTime? now = null)
    {
        var typeRule = rule ?? RuleFor(instance.Type);
        return new EligibilityContext(
            instance,
            typeRule,
            accountId ?? instance.OwnerId,
            quota ?? new QuotaUsage(QuotaKeys.For(instance, typeRule), 0, QuotaKeys.TotalFor(instance, typeRule)),
            now ?? Now,
            Shared.DomainTable.Settings());
    }
}
