using IcpFiling.Core.Eligibility;

namespace IcpFiling.UnitTests.Eligibility;

public sealed class RegionRuleTests
{
    private readonly RegionRule _rule = new();

    [Fact]
    public void Check_WhenRegionIsInMainlandChina_Passes()
    {
        var instance = TestData.QualifiedInstance();
        instance.Region = "cn-beijing";
        instance.RegionInMainlandChina = true;

        Assert.Null(_rule.Check(TestData.Context(instance)));
    }

    [Theory]
    [InlineData("cn-hongkong")]
    [InlineData("ap-southeast-1")]
    [InlineData("us-west-1")]
    public void Check_WhenRegionIsOutsideMainlandChina_FailsNamingTheRegion(string region)
    {
        var instance = TestData.QualifiedInstance();
        instance.Region = region;
        instance.RegionInMainlandChina = false;

        var failure = _rule.Check(TestData.Context(instance));

        Assert.NotNull(failure);
        Assert.Equal(EligibilityRuleId.Region, failure.Rule);
        Assert.Equal($"Region {region} is outside mainland China: no ICP filing is needed there.", failure.ToEnglish());
        Assert.Equal([region], failure.Arguments);
    }
}
