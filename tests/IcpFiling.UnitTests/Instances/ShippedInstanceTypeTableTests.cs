using System.Globalization;
using IcpFiling.Core.Instances;
using Microsoft.Extensions.Configuration;

namespace IcpFiling.UnitTests.Instances;

/// <summary>The table in src/IcpFiling.Web/appsettings.json, as the web host would bind it, against docs/RULES.md (types and quotas).</summary>
public sealed class ShippedInstanceTypeTableTests
{
    private static InstanceTypeOptions LoadShipped()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "shipped-appsettings.json");
        Assert.True(File.Exists(path), $"The shipped appsettings.json was not copied to {path}.");
        var configuration = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        var options = configuration.GetSection(InstanceTypeOptions.SectionName).Get<InstanceTypeOptions>();
        Assert.NotNull(options);
        return options;
    }

    [Theory]
    [InlineData(InstanceType.Ecs, "ECS instance", 3, 5, QuotaScope.Instance, null)]
    [InlineData(InstanceType.SimpleApplicationServer, "Simple Application Server", 3, 5, QuotaScope.Instance, null)]
    [InlineData(InstanceType.CloudWebHosting, "Cloud Web Hosting", 3, 5, QuotaScope.Instance, null)]
    [InlineData(InstanceType.ElasticWebHosting, "Elastic Web Hosting", 6, 5, QuotaScope.Account, null)]
    [InlineData(InstanceType.Marketplace, "Marketplace website-building product", 12, 1, QuotaScope.Instance, "99")]
    [InlineData(InstanceType.NatGateway, "NAT Gateway", 1, 2, QuotaScope.Instance, null)]
    [InlineData(InstanceType.Ipv6Translation, "IPv6 Translation Service", 1, 2, QuotaScope.Instance, null)]
    [InlineData(InstanceType.Ens, "ENS (Edge Node Service) instance", 3, 5, QuotaScope.Instance, null)]
    public void ShippedTable_MatchesTheRulebookRow(
        InstanceType type, string displayName, int minimumMonths, int quota, QuotaScope scope, string? minimumOrderAmount)
    {
        var rule = LoadShipped().Types[type];

        Assert.Equal(displayName, rule.DisplayName);
        Assert.Equal(minimumMonths, rule.MinimumPurchaseMonths);
        Assert.Equal(quota, rule.Quota);
        Assert.Equal(scope, rule.QuotaScope);
        Assert.Equal(
            minimumOrderAmount is null ? null : decimal.Parse(minimumOrderAmount, CultureInfo.InvariantCulture),
            rule.MinimumOrderAmount);
    }

    [Fact]
    public void ShippedTable_HasExactlyTheEightTypes()
    {
        Assert.Equal(
            Enum.GetValues<InstanceType>().Order(),
            LoadShipped().Types.Keys.Order());
    }

    [Fact]
    public void ShippedTable_EqualsTheTestsOwnCopyOfTheRulebook()
    {
        var shipped = LoadShipped().Types;

        foreach (var (type, expected) in TestData.DomainTable().Types)
        {
            var actual = shipped[type];
            Assert.Equal(
                (expected.DisplayName, expected.MinimumPurchaseMonths, expected.Quota, expected.QuotaScope, expected.MinimumOrderAmount),
                (actual.DisplayName, actual.MinimumPurchaseMonths, actual.Quota, actual.QuotaScope, actual.MinimumOrderAmount));
        }
    }

    [Fact]
    public void ShippedTable_PassesTheValidator()
    {
        var result = new InstanceTypeOptionsValidator().Validate(null, LoadShipped());

        Assert.True(result.Succeeded, result.FailureMessage);
    }
}
