using IcpFiling.Core.Filings;

namespace IcpFiling.UnitTests.Filings;

/// <summary>A submitted filing may be cancelled or have the provider removed; nothing else ever changes a filing's status.</summary>
public sealed class FilingTransitionTests
{
    public static TheoryData<FilingStatus, FilingStatus> EveryPair()
    {
        var pairs = new TheoryData<FilingStatus, FilingStatus>();
        foreach (var from in Enum.GetValues<FilingStatus>())
        {
            foreach (var to in Enum.GetValues<FilingStatus>())
            {
                pairs.Add(from, to);
            }
        }

        return pairs;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void CanChange_OnlySubmittedToCancelledOrProviderRemoved_IsAllowed(FilingStatus from, FilingStatus to)
    {
        var expected = (from, to) is (FilingStatus.Submitted, FilingStatus.Cancelled) or (FilingStatus.Submitted, FilingStatus.ProviderRemoved);

        Assert.Equal(expected, Filing.CanChange(from, to));
    }

    [Fact]
    public void CanChange_AllowsExactlyTwoTransitions()
    {
        var allowed = EveryPair().Select(row => ((FilingStatus)row[0], (FilingStatus)row[1])).Where(p => Filing.CanChange(p.Item1, p.Item2));

        Assert.Equal([(FilingStatus.Submitted, FilingStatus.Cancelled), (FilingStatus.Submitted, FilingStatus.ProviderRemoved)], allowed);
        Assert.Equal(3, Enum.GetValues<FilingStatus>().Length);
    }
}
