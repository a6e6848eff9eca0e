using IcpFiling.Core.Instances;
using Microsoft.Extensions.Options;

namespace IcpFiling.Tests.Shared;

/// <summary>
/// The instance type table of DOMAIN.md §2, written out independently of appsettings.json, as the web host
/// would hand it to the catalog. Compiled into the unit and the integration tests (linked source).
/// </summary>
internal static class DomainTable
{
    public static InstanceTypeOptions Options() => new()
    {
        Types = new()
        {
            [InstanceType.Ecs] = Rule("ECS instance", 3, 5),
            [InstanceType.SimpleApplicationServer] = Rule("Simple Application Server", 3, 5),
            [InstanceType.CloudWebHosting] = Rule("Cloud Web Hosting", 3, 5),
            [InstanceType.ElasticWebHosting] = Rule("Elastic Web Hosting", 6, 5, QuotaScope.Account),
            [InstanceType.Marketplace] = Rule("Marketplace website-building product", 12, 1, minimumOrderAmount: 99m),
            [InstanceType.NatGateway] = Rule("NAT Gateway", 1, 2),
            [InstanceType.Ipv6Translation] = Rule("IPv6 Translation Service", 1, 2),
            [InstanceType.Ens] = Rule("ENS (Edge Node Service) instance", 3, 5),
        },
    };

    public static InstanceTypeCatalog Catalog() => new(new FixedOptionsMonitor(Options()));

    public static InstanceTypePolicy Rule(
        string displayName, int minimumPurchaseMonths, int quota,
        QuotaScope scope = QuotaScope.Instance, decimal? minimumOrderAmount = null) => new()
        {
            DisplayName = displayName,
            MinimumPurchaseMonths = minimumPurchaseMonths,
            Quota = quota,
            QuotaScope = scope,
            MinimumOrderAmount = minimumOrderAmount,
        };

    private sealed class FixedOptionsMonitor(InstanceTypeOptions value) : IOptionsMonitor<InstanceTypeOptions>
    {
        public InstanceTypeOptions CurrentValue => value;

        public InstanceTypeOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<InstanceTypeOptions, string?> listener) => null;
    }
}
