using IcpFiling.Core.Paging;

namespace IcpFiling.UnitTests.Paging;

public sealed class PageRequestTests
{
    [Theory]
    [InlineData(null, null, 1, PageRequest.DefaultSize)]
    [InlineData(3, 10, 3, 10)]
    [InlineData(0, 10, 1, 10)]
    [InlineData(-7, 10, 1, 10)]
    [InlineData(int.MinValue, int.MinValue, 1, 1)]
    [InlineData(2, 0, 2, 1)]
    [InlineData(2, -1, 2, 1)]
    [InlineData(2, 101, 2, PageRequest.MaxSize)]
    [InlineData(2, int.MaxValue, 2, PageRequest.MaxSize)]
    [InlineData(1_000_001, 20, 1_000_000, 20)]
    [InlineData(int.MaxValue, 20, 1_000_000, 20)]
    public void Constructor_ClampsPageAndSizeToSaneBounds(int? page, int? size, int expectedPage, int expectedSize)
    {
        var request = new PageRequest(page, size);

        Assert.Equal(expectedPage, request.Page);
        Assert.Equal(expectedSize, request.Size);
    }

    [Theory]
    [InlineData(1, 20, 0)]
    [InlineData(3, 20, 40)]
    [InlineData(1_000_000, 100, 99_999_900)]
    public void Skip_IsThePagesBeforeTimesTheSize_WithoutOverflow(int page, int size, int expectedSkip)
    {
        Assert.Equal(expectedSkip, new PageRequest(page, size).Skip);
    }

    [Theory]
    [InlineData(0, 20, 1)]
    [InlineData(1, 20, 1)]
    [InlineData(20, 20, 1)]
    [InlineData(21, 20, 2)]
    [InlineData(100, 20, 5)]
    public void Paged_PageCountIsAtLeastOne(int total, int size, int expectedPages)
    {
        var paged = new Paged<int>([], 1, size, total);

        Assert.Equal(expectedPages, paged.PageCount);
    }
}
