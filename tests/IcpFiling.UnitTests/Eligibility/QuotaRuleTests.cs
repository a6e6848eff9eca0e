using IcpFiling.Core.Eligibility;

namespace IcpFiling.UnitTests.Eligibility;

public sealed class QuotaRuleTests
{
    private readonly QuotaRule _rule = new();

    [Theory]
    [InlineData(0, 5)]
    [InlineData(4, 5)]
    [InlineData(0, 1)]
    public void Check_WhenQuotaHasAFreeSlot_Passes(int used, int total)
    {
        var instance = TestData.QualifiedInstance();
        var quota = new QuotaUsage("instance:" + instance.InstanceId, used, total);

        Assert.Null(_rule.Check(TestData.Context(instance, quota: quota)));
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    public void Check_WhenUsedEqualsTotal_FailsShowingUsage(int used, int total)
    {
        var instance = TestData.QualifiedInstance();
        var quota = new QuotaUsage("instance:" + instance.InstanceId, used, total);

        var failure = _rule.Check(TestData.Context(instance, quota: quota));

        Assert.NotNull(failure);
        Assert.Equal(EligibilityRuleId.Quota, failure.Rule);
        Assert.Equal($"Quota used up ({used}/{total}).", failure.ToEnglish());
    }

    [Fact]
    public void Check_WhenUsedExceedsALoweredTotal_Fails()
    {
        var instance = TestData.QualifiedInstance();
        var quota = new QuotaUsage("instance:" + instance.InstanceId, 5, 3);

        Assert.Equal("Quota used up (5/3).", _rule.Check(TestData.Context(instance, quota: quota))?.ToEnglish());
    }

    [Theory]
    [InlineData(0, 5, 5, false)]
    [InlineData(3, 5, 2, false)]
    [InlineData(5, 5, 0, true)]
    [InlineData(6, 5, 0, true)]
    public void QuotaUsage_ReportsFreeSlotsAndWhetherUsedUp(int used, int total, int free, bool usedUp)
    {
        var quota = new QuotaUsage("k", used, total);

        Assert.Equal(free, quota.Free);
        Assert.Equal(usedUp, quota.IsUsedUp);
    }
}
