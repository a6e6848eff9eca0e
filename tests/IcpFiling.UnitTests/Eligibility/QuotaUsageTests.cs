using IcpFiling.Core.Eligibility;

namespace IcpFiling.UnitTests.Eligibility;

/// <summary>What quota pages show: never more used than the total (issue 8, item 4).</summary>
public sealed class QuotaUsageTests
{
    [Theory]
    [InlineData(3, 5, 5, 2)]
    [InlineData(5, 5, 5, 0)]
    [InlineData(7, 5, 7, 0)]   // the type's quota was lowered to 5 after 7 were issued: the slots taken stand
    [InlineData(0, 1, 1, 1)]
    public void Of_NeverShowsMoreUsedThanTheTotal(int used, int limit, int total, int free)
    {
        var usage = QuotaUsage.Of("instance:i-1", used, limit);

        Assert.Equal((used, total, free, used >= total), (usage.Used, usage.Total, usage.Free, usage.IsUsedUp));
    }
}
