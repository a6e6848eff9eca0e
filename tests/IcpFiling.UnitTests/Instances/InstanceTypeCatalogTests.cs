using IcpFiling.Core.Instances;
using Microsoft.Extensions.Options;

namespace IcpFiling.UnitTests.Instances;

public sealed class InstanceTypeCatalogTests
{
    [Fact]
    public void Get_ReturnsTheConfiguredRule()
    {
        var catalog = new InstanceTypeCatalog(new SettableOptionsMonitor(TestData.DomainTable()));

        Assert.Equal(2, catalog.Get(InstanceType.NatGateway).Quota);
        Assert.Equal(8, catalog.All.Count);
    }

    [Fact]
    public void Get_WhenTypeIsNotConfigured_ThrowsNamingTheSection()
    {
        var options = TestData.DomainTable();
        options.Types.Remove(InstanceType.Ens);
        var catalog = new InstanceTypeCatalog(new SettableOptionsMonitor(options));

        var exception = Assert.Throws<InvalidOperationException>(() => catalog.Get(InstanceType.Ens));
        Assert.Contains("InstanceTypes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_SeesAChangedTableWithoutBeingRebuilt()
    {
        var monitor = new SettableOptionsMonitor(TestData.DomainTable());
        var catalog = new InstanceTypeCatalog(monitor);
        var changed = TestData.DomainTable();
        changed.Types[InstanceType.Ecs].Quota = 10;

        monitor.CurrentValue = changed;

        Assert.Equal(10, catalog.Get(InstanceType.Ecs).Quota);
    }

    private sealed class SettableOptionsMonitor(InstanceTypeOptions value) : IOptionsMonitor<InstanceTypeOptions>
    {
        public InstanceTypeOptions CurrentValue { get; set; } = value;

        public InstanceTypeOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<InstanceTypeOptions, string?> listener) => null;
    }
}
