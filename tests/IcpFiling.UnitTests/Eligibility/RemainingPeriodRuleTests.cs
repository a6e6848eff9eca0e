using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Instances;

namespace IcpFiling.UnitTests.Eligibility;

public sealed class RemainingPeriodRuleTests
{
    private readonly RemainingPeriodRule _rule = new();

    [Theory]
    [InlineData(InstanceType.Ecs, 3)]
    [InlineData(InstanceType.ElasticWebHosting, 3)] // minimum purchase 6, but remaining is capped at 3
    [InlineData(InstanceType.Marketplace, 3)]
    [InlineData(InstanceType.NatGateway, 1)] // minimum purchase 1, so 1 month remaining suffices
    [InlineData(InstanceType.Ipv6Translation, 1)]
    public void MinimumRemainingMonths_IsThreeOrTheTypesMinimumWhenShorter(InstanceType type, int expected)
    {
        Assert.Equal(expected, TestData.RuleFor(type).MinimumRemainingMonths);
    }

    [Theory]
    [InlineData(InstanceType.Ecs)]
    [InlineData(InstanceType.ElasticWebHosting)]
    [InlineData(InstanceType.Marketplace)]
    [InlineData(InstanceType.NatGateway)]
    [InlineData(InstanceType.Ipv6Translation)]
    public void Check_WhenRemainingPeriodIsExactlyTheBoundary_Passes(InstanceType type)
    {
        var instance = TestData.QualifiedInstance(type);
        instance.ExpiresAt = TestData.Now.AddMonths(TestData.RuleFor(type).MinimumRemainingMonths);

        Assert.Null(_rule.Check(TestData.Context(instance)));
    }

    [Theory]
    [InlineData(InstanceType.Ecs)]
    [InlineData(InstanceType.ElasticWebHosting)]
    [InlineData(InstanceType.Marketplace)]
    [InlineData(InstanceType.NatGateway)]
    [InlineData(InstanceType.Ipv6Translation)]
    public void Check_WhenOneSecondShortOfTheBoundary_FailsAskingForRenewal(InstanceType type)
    {
        var months = TestData.RuleFor(type).MinimumRemainingMonths;
        var instance = TestData.QualifiedInstance(type);
        instance.ExpiresAt = TestData.Now.AddMonths(months).AddSeconds(-1);

        var failure = _rule.Check(TestData.Context(instance));

        Assert.NotNull(failure);
        Assert.Equal(EligibilityRuleId.RemainingPeriod, failure.Rule);
        Assert.Equal(
            $"Less than {months} months of subscription remain: renew the subscription to meet the requirements.",
            failure.ToEnglish());
    }

    [Fact]
    public void Check_WhenNatGatewayHasTwoMonthsLeft_PassesWhereAnEcsInstanceWouldFail()
    {
        var nat = TestData.QualifiedInstance(InstanceType.NatGateway);
        nat.ExpiresAt = TestData.Now.AddMonths(2);
        var ecs = TestData.QualifiedInstance(InstanceType.Ecs);
        ecs.ExpiresAt = TestData.Now.AddMonths(2);

        Assert.Null(_rule.Check(TestData.Context(nat)));
        Assert.NotNull(_rule.Check(TestData.Context(ecs)));
    }

    [Fact]
    public void Check_WhenAlreadyExpired_Fails()
    {
        var instance = TestData.QualifiedInstance();
        instance.ExpiresAt = TestData.Now.AddDays(-1);

        Assert.Equal(EligibilityRuleId.RemainingPeriod, _rule.Check(TestData.Context(instance))?.Rule);
    }
}
