using IcpFiling.Core.Instances;
using IcpFiling.Core.Paging;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.IntegrationTests.ServiceNumbers;

/// <summary>
/// Lists count their rows only up to <see cref="PagingQueries.CountLimit"/>: past it the page says "more than", so a view
/// of a huge account costs what a view of a large one does, and the pager stays honest about what it knows.
/// </summary>
public sealed class BoundedCountTests(BoundedCountTests.Accounts accounts) : IClassFixture<BoundedCountTests.Accounts>
{
    private readonly TestDatabase _database = accounts.Database;
    private readonly string _big = accounts.Big;
    private readonly string _small = accounts.Small;
    private readonly string _free = accounts.Free;

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
    public async Task QualifiedOnly_PastTheCountLimit_StopsJudgingAndSaysMoreThan()
    {
        await using var db = _database.NewContext();
        var query = new OwnerInstancesQuery(db, _database.Standings(db), _database.Time);

        var first = await query.ListAsync(_free, new InstanceFilter(null, null, QualifiedOnly: true), new PageRequest(1), default);

        Assert.Equal((PagingQueries.CountLimit, false, 20, true), (first.Total, first.TotalIsExact, first.Items.Count, first.HasNext));
        Assert.All(first.Items, standing => Assert.True(standing.Verdict.IsEligible));
    }

    [Fact]
    public async Task List_UnderTheLimit_CountsExactly()
    {
        await using var db = _database.NewContext();

        var page = await new AccountNumbersQuery(db, _database.Time).ListAsync(_small, new NumberFilter(null, null, null), new PageRequest(1), default);

        Assert.Equal((10, true, 10, false), (page.Total, page.TotalIsExact, page.Items.Count, page.HasNext));
    }

    /// <summary>Read-only accounts for the class, made once: the lists past and under the limit.</summary>
    public sealed class Accounts : IAsyncLifetime
    {
        internal TestDatabase Database { get; private set; } = null!;

        public string Big { get; private set; } = null!;

        public string Small { get; private set; } = null!;

        public string Free { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Database = await TestDatabase.CreateSqliteAsync();
            Big = await Database.SeedAccountAsync("big");
            Small = await Database.SeedAccountAsync("small");
            // 2,001 instances of five numbers: 10,005 numbers, five past the limit.
            await ScaleData.GenerateAsync(Database, [Big], PagingQueries.CountLimit / ScaleData.NumbersPerInstance + 1);
            await ScaleData.GenerateAsync(Database, [Small], 2, prefix: "i-small-");
            // 10,001 instances with no numbers yet: every one qualifies, one past the limit.
            Free = await Database.SeedAccountAsync("free");
            await ScaleData.GenerateAsync(Database, [Free], PagingQueries.CountLimit + 1, prefix: "i-free-");
            await using var db = Database.NewContext();
            await db.Filings.Where(f => f.AccountId == Free).ExecuteDeleteAsync();
            await db.ServiceNumbers.Where(n => n.AccountId == Free).ExecuteDeleteAsync();
        }

        public async Task DisposeAsync() => await Database.DisposeAsync();
    }
}
