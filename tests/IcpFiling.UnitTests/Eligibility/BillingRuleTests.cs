using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Instances;

namespace IcpFiling.UnitTests.Eligibility;

public sealed class BillingRuleTests
{
    private readonly BillingRule _rule = new();

    [Fact]
    public void Check_WhenSubscription_Passes()
    {
        var instance = TestData.QualifiedInstance();
        instance.Billing = BillingMethod.Subscription;

        Assert.Null(_rule.Check(TestData.Context(instance)));
    }

    [Fact]
    public void Check_WhenPayAsYouGo_FailsWithReason()
    {
        var instance = TestData.QualifiedInstance();
        instance.Billing = BillingMethod.PayAsYouGo;

        var failure = _rule.Check(TestData.Context(instance));

        Assert.NotNull(failure);
        Assert.Equal(EligibilityRuleId.Billing, failure.Rule);
        Assert.Equal("Pay-as-you-go instances are not supported.", failure.ToEnglish());
    }
}
