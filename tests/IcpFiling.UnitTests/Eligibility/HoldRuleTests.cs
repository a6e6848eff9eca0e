using IcpFiling.Core.Eligibility;

namespace IcpFiling.UnitTests.Eligibility;

public sealed class HoldRuleTests
{
    private readonly HoldRule _rule = new();

    [Fact]
    public void Check_WhenNotOnHold_Passes()
    {
        var instance = TestData.QualifiedInstance();
        instance.OnHold = false;

        Assert.Null(_rule.Check(TestData.Context(instance)));
    }

    [Fact]
    public void Check_WhenSupportPutTheInstanceOnHold_FailsWithReason()
    {
        var instance = TestData.QualifiedInstance();
        instance.OnHold = true;
        instance.HoldReason = "Suspected resale of numbers";

        var failure = _rule.Check(TestData.Context(instance));

        Assert.NotNull(failure);
        Assert.Equal(EligibilityRuleId.Hold, failure.Rule);
        Assert.Equal("Under review by support.", failure.ToEnglish());
    }
}
