using IcpFiling.Core.Paging;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;

namespace IcpFiling.IntegrationTests.ServiceNumbers;

/// <summary>
/// Lists count their rows only up to <see cref="PagingQueries.CountLimit"/>: past it the page says "more than", so a view
/// of a huge account costs what a view of a large one does, and the pager stays honest about what it knows.
/// </summary>
public sealed class BoundedCountTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _big = null!;
    private string _small = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        _big = await _database.SeedAccountAsync("big");
        _small = await _database.SeedAccountAsync("small");
        // 2,001 instances of five numbers: 10,005 numbers, five past the limit.
        await ScaleData.GenerateAsync(_database, [_big], PagingQueries.CountLimit / ScaleData.NumbersPerInstance + 1);
        await ScaleData.GenerateAsync(_database, [_small], 2, prefix: "i-small-");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task List_PastTheCountLimit_SaysMoreThanTheLimitAndStillOffersTheNextPage()
    {
        await using var db = _database.NewContext();

        var first = await new AccountNumbersQuery(db, _database.Time).ListAsync(_big, new NumberFilter(null, null, null), new PageRequest(1), default);

        Assert.Equal((PagingQueries.CountLimit, false, 20, true), (first.Total, first.TotalIsExact, first.Items.Count, first.HasNext));
    }

    [Fact]
    public async Task List_PageBeyondTheLimit_CountsJustPastItAndFindsTheRealEnd()
    {
        await using var db = _database.NewContext();
        var query = new AccountNumbersQuery(db, _database.Time);

        // Page 501 of 20 starts at row 10,001: counting runs to the end of that page, which is the list's end.
        var last = await query.ListAsync(_big, new NumberFilter(null, null, null), new PageRequest(501), default);
        var beyond = await query.ListAsync(_big, new NumberFilter(null, null, null), new PageRequest(900), default);

        Assert.Equal((10_005, true, 501, 5, false), (last.Total, last.TotalIsExact, last.Page, last.Items.Count, last.HasNext));
        // Far past the end: counted to the end as well, and moved back to the last page.
        Assert.Equal((10_005, true, 501), (beyond.Total, beyond.TotalIsExact, beyond.Page));
    }

    [Fact]
    public async Task List_UnderTheLimit_CountsExactly()
    {
        await using var db = _database.NewContext();

        var page = await new AccountNumbersQuery(db, _database.Time).ListAsync(_small, new NumberFilter(null, null, null), new PageRequest(1), default);

        Assert.Equal((10, true, 10, false), (page.Total, page.TotalIsExact, page.Items.Count, page.HasNext));
    }
}
