using IcpFiling.Core.ServiceNumbers;

namespace IcpFiling.UnitTests.ServiceNumbers;

public sealed class NumberSearchTests
{
    [Theory]
    [InlineData("3f2a", "3f2a", "3f2b")]
    [InlineData("i-demo-ecs-", "i-demo-ecs-", "i-demo-ecs.")]
    [InlineData("ab9", "ab9", "ab:")]
    public void PrefixRange_CoversExactlyTheStringsWithThePrefix(string prefix, string from, string to)
    {
        var range = NumberSearch.PrefixRange(prefix);

        Assert.Equal((from, to), range);
        Assert.True(string.CompareOrdinal(prefix + "ffff", range.To) < 0);
        Assert.True(string.CompareOrdinal(prefix, range.From) >= 0);
    }
}
