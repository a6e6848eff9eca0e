using IcpFiling.Core.Eligibility;
using IcpFiling.Core.Instances;

namespace IcpFiling.UnitTests.Eligibility;

public sealed class ProviderRuleTests
{
    private readonly ProviderRule _rule = new();

    [Fact]
    public void Check_WhenHostedByThisProvider_Passes()
    {
        var instance = TestData.QualifiedInstance();
        instance.Provider = HostingProvider.ThisProvider;

        Assert.Null(_rule.Check(TestData.Context(instance)));
    }

    [Fact]
    public void Check_WhenHostedByAnotherProvider_FailsPointingToThatProvidersPlatform()
    {
        var instance = TestData.QualifiedInstance();
        instance.Provider = HostingProvider.OtherProvider;

        var failure = _rule.Check(TestData.Context(instance));

        Assert.NotNull(failure);
        Assert.Equal(EligibilityRuleId.Provider, failure.Rule);
        Assert.Contains("apply on the filing platform of your service provider", failure.ToEnglish(), StringComparison.Ordinal);
    }
}
