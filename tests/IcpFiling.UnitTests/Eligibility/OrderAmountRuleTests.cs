using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Instances;

namespace IcpFiling.UnitTests.Eligibility;

public sealed class OrderAmountRuleTests
{
    private readonly OrderAmountRule _rule = new();

    [Theory]
    [InlineData("99")]
    [InlineData("99.00")]
    [InlineData("1200")]
    public void Check_WhenMarketplaceOrderIsAtLeastRmb99_Passes(string amount)
    {
        var instance = TestData.QualifiedInstance(InstanceType.Marketplace);
        instance.OrderAmount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Null(_rule.Check(TestData.Context(instance)));
    }

    [Theory]
    [InlineData("98.99")]
    [InlineData("0")]
    public void Check_WhenMarketplaceOrderIsBelowRmb99_FailsNamingTheMinimum(string amount)
    {
        var instance = TestData.QualifiedInstance(InstanceType.Marketplace);
        instance.OrderAmount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        var failure = _rule.Check(TestData.Context(instance));

        Assert.NotNull(failure);
        Assert.Equal(EligibilityRuleId.OrderAmount, failure.Rule);
        Assert.Equal("The order amount is below RMB 99.", failure.ToEnglish());
    }

    [Fact]
    public void Check_WhenMarketplaceOrderAmountIsUnknown_Fails()
    {
        var instance = TestData.QualifiedInstance(InstanceType.Marketplace);
        instance.OrderAmount = null;

        Assert.Equal(EligibilityRuleId.OrderAmount, _rule.Check(TestData.Context(instance))?.Rule);
    }

    [Theory]
    [InlineData(InstanceType.Ecs)]
    [InlineData(InstanceType.ElasticWebHosting)]
    [InlineData(InstanceType.NatGateway)]
    public void Check_WhenTypeHasNoMinimumOrderAmount_PassesWhateverTheAmount(InstanceType type)
    {
        var instance = TestData.QualifiedInstance(type);
        instance.OrderAmount = null;

        Assert.Null(_rule.Check(TestData.Context(instance)));

        instance.OrderAmount = 0.01m;
        Assert.Null(_rule.Check(TestData.Context(instance)));
    }
}
