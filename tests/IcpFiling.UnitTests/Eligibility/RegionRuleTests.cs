using IcpFiling.Core.Eligibility;

namespace IcpFiling.UnitTests.Eligibility;

/// <summary>Rule 3, decided by the region catalogue: mainland China or not is derived from the region id.</summary>
public sealed class RegionRuleTests
{
    private readonly RegionRule _rule = new();

    [Theory]
    [InlineData("cn-beijing")]
    [InlineData("cn-hangzhou")]
    [InlineData("cn-shenzhen")]
    public void Check_WhenTheCatalogueSaysMainland_Passes(string region)
    {
        var instance = TestData.QualifiedInstance();
        instance.Region = region;

        Assert.Null(_rule.Check(TestData.Context(instance)));
    }

    [Theory]
    [InlineData("cn-hongkong")]
    [InlineData("ap-southeast-1")]
    [InlineData("us-west-1")]
    public void Check_WhenTheCatalogueSaysOutsideMainland_FailsNamingTheRegion(string region)
    {
        var instance = TestData.QualifiedInstance();
        instance.Region = region;

        var failure = _rule.Check(TestData.Context(instance));

        Assert.NotNull(failure);
        Assert.Equal(EligibilityRuleId.Region, failure.Rule);
        Assert.Equal($"Region {region} is outside mainland China: no ICP filing is needed there.", failure.ToEnglish());
        Assert.Equal([region], failure.Arguments);
    }

    [Theory]
    [InlineData("cn-atlantis")]
    [InlineData("CN-HANGZHOU")]
    [InlineData("")]
    public void Check_WhenTheRegionIsNotInTheCatalogue_FailsSayingSo(string region)
    {
        var instance = TestData.QualifiedInstance();
        instance.Region = region;

        var failure = _rule.Check(TestData.Context(instance));

        Assert.NotNull(failure);
        Assert.Equal($"Region {region} is not one of this provider's regions.", failure.ToEnglish());
    }
}
