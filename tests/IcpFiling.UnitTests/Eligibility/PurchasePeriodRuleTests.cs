using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Instances;

namespace IcpFiling.UnitTests.Eligibility;

public sealed class PurchasePeriodRuleTests
{
    private readonly PurchasePeriodRule _rule = new();

    [Theory]
    [InlineData(InstanceType.Ecs, 3)]
    [InlineData(InstanceType.SimpleApplicationServer, 3)]
    [InlineData(InstanceType.CloudWebHosting, 3)]
    [InlineData(InstanceType.ElasticWebHosting, 6)]
    [InlineData(InstanceType.Marketplace, 12)]
    [InlineData(InstanceType.NatGateway, 1)]
    [InlineData(InstanceType.Ipv6Translation, 1)]
    [InlineData(InstanceType.Ens, 3)]
    public void Check_WhenPurchasedExactlyTheTypesMinimum_Passes(InstanceType type, int minimumMonths)
    {
        var instance = TestData.QualifiedInstance(type);
        instance.PurchasedMonths = minimumMonths;

        Assert.Null(_rule.Check(TestData.Context(instance)));
    }

    [Theory]
    [InlineData(InstanceType.Ecs, 3)]
    [InlineData(InstanceType.ElasticWebHosting, 6)]
    [InlineData(InstanceType.Marketplace, 12)]
    [InlineData(InstanceType.NatGateway, 1)]
    public void Check_WhenPurchasedOneMonthLessThanTheMinimum_FailsWithBothPeriods(InstanceType type, int minimumMonths)
    {
        var instance = TestData.QualifiedInstance(type);
        instance.PurchasedMonths = minimumMonths - 1;

        var failure = _rule.Check(TestData.Context(instance));

        Assert.NotNull(failure);
        Assert.Equal(EligibilityRuleId.PurchasePeriod, failure.Rule);
        Assert.Equal(
            $"Purchased period is {minimumMonths - 1} month(s); this type needs at least {minimumMonths} months.",
            failure.ToEnglish());
    }

    [Fact]
    public void Check_UsesTheConfiguredMinimum_NotAFixedOne()
    {
        var instance = TestData.QualifiedInstance();
        instance.PurchasedMonths = 5;
        var stricter = TestData.Rule("ECS instance", minimumPurchaseMonths: 6, quota: 5);

        Assert.NotNull(_rule.Check(TestData.Context(instance, stricter)));
        Assert.Null(_rule.Check(TestData.Context(instance, TestData.RuleFor(InstanceType.Ecs))));
    }
}
