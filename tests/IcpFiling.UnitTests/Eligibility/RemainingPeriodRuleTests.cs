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
        Assert.Equal(expected, DomainTable.Settings().RemainingMonthsFor(TestData.RuleFor(type)));
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
        instance.ExpiresAt = TestData.Now.AddMonths(DomainTable.Settings().RemainingMonthsFor(TestData.RuleFor(type)));

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
        var months = DomainTable.Settings().RemainingMonthsFor(TestData.RuleFor(type));
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

    [Fact]
    public void Check_AtAMonthEnd_CountsMonthsOnTheChinaCalendarNotOnUtc()
    {
        // 2027-01-30 20:00 UTC is already 31 January 04:00 in China: one month later is 28 February 04:00 CST
        // (27 February 20:00 UTC). Counted on UTC it would be 28 February 20:00 UTC, and this instance would fail.
        var now = new DateTime(2027, 1, 30, 20, 0, 0, DateTimeKind.Utc);
        var instance = TestData.QualifiedInstance(InstanceType.NatGateway);
        instance.ExpiresAt = new DateTime(2027, 2, 28, 10, 0, 0, DateTimeKind.Utc);

        Assert.Null(_rule.Check(TestData.Context(instance, now: now)));
        Assert.True(instance.ExpiresAt < now.AddMonths(1), "On UTC the month would not be there yet: the case must tell the calendars apart.");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    public void Check_OnTheFirstOfAMonthBeforeEightInChina_TheBoundaryIsTheSameChinaTime(int minutes, bool passes)
    {
        // 1 December 2026 01:00 CST is 30 November 17:00 UTC; three months later is 1 March 2027 01:00 CST.
        var now = new DateTime(2026, 11, 30, 17, 0, 0, DateTimeKind.Utc);
        var instance = TestData.QualifiedInstance();
        instance.ExpiresAt = new DateTime(2027, 2, 28, 17, 0, 0, DateTimeKind.Utc).AddMinutes(minutes);

        Assert.Equal(passes, _rule.Check(TestData.Context(instance, now: now)) is null);
    }
}
