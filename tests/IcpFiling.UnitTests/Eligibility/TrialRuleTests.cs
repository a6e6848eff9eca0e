using IcpFiling.Core.Eligibility;

namespace IcpFiling.UnitTests.Eligibility;

public sealed class TrialRuleTests
{
    private readonly TrialRule _rule = new();

    [Fact]
    public void Check_WhenNotATrial_Passes()
    {
        var instance = TestData.QualifiedInstance();
        instance.IsTrial = false;

        Assert.Null(_rule.Check(TestData.Context(instance)));
    }

    [Fact]
    public void Check_WhenTrialProduct_FailsWithReason()
    {
        var instance = TestData.QualifiedInstance();
        instance.IsTrial = true;

        var failure = _rule.Check(TestData.Context(instance));

        Assert.NotNull(failure);
        Assert.Equal(EligibilityRuleId.Trial, failure.Rule);
        Assert.Equal("Trial products are not supported.", failure.ToEnglish());
    }
}
