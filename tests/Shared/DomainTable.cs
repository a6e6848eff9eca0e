using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Instances;
using Microsoft.Extensions.Options;

namespace IcpFiling.Tests.Shared;

/// <summary>
/// The instance type table of docs/RULES.md (types and quotas), written out independently of appsettings.json, as the web host
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

    public static InstanceTypeCatalog Catalog() => new(new FixedOptionsMonitor<InstanceTypeOptions>(Options()));

    /// <summary>Regions of docs/RULES.md: mainland ones, Hong Kong and overseas ones.</summary>
    public static RegionCatalog Regions() => new(new FixedOptionsMonitor<RegionOptions>(new RegionOptions
    {
        Catalog = new(StringComparer.Ordinal)
        {
            ["cn-hangzhou"] = Region("China (Hangzhou)", "华东1（杭州）", mainland: true),
            ["cn-shanghai"] = Region("China (Shanghai)", "华东2（上海）", mainland: true),
            ["cn-beijing"] = Region("China (Beijing)", "华北2（北京）", mainland: true),
            ["cn-shenzhen"] = Region("China (Shenzhen)", "华南1（深圳）", mainland: true),
            ["cn-hongkong"] = Region("China (Hong Kong)", "中国香港", mainland: false),
            ["ap-southeast-1"] = Region("Singapore", "新加坡", mainland: false),
            ["us-west-1"] = Region("US (Silicon Valley)", "美国（硅谷）", mainland: false),
        },
    }));

    /// <summary>China Standard Time.</summary>
    public static ChinaCalendar Calendar() => ChinaCalendar.For(new TimeOptions());

    public static RuleSettings Settings() => new(Regions(), Calendar(), MinimumRemainingMonths: 3);

    private static Region Region(string english, string chinese, bool mainland) => new() { English = english, Chinese = chinese, Mainland = mainland };

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

    private sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
