using IcpFiling.Core.Eligibility;

namespace IcpFiling.UnitTests.Eligibility;

public sealed class PublicIpRuleTests
{
    private readonly PublicIpRule _rule = new();

    [Theory]
    [InlineData("47.96.12.34")]
    [InlineData("240e:3b7:3273:2b40::1")]
    public void Check_WhenInstanceHasAPublicIp_Passes(string ip)
    {
        var instance = TestData.QualifiedInstance();
        instance.PublicIp = ip;

        Assert.Null(_rule.Check(TestData.Context(instance)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Check_WhenInstanceHasNoPublicIp_FailsWithProviderText(string? ip)
    {
        var instance = TestData.QualifiedInstance();
        instance.PublicIp = ip;

        var failure = _rule.Check(TestData.Context(instance));

        Assert.NotNull(failure);
        Assert.Equal(EligibilityRuleId.PublicIp, failure.Rule);
        Assert.Equal("No available IPs for this instance.", failure.ToEnglish());
    }
}
