using IcpFiling.Core.Paging;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;

namespace IcpFiling.IntegrationTests.ServiceNumbers;

/// <summary>
/// A number search that matches more rows than the list counts reads its page by walking the list's own order
/// (<see cref="DenseMatch{TRow}"/>): the same rows, in the same order, as the index-driven plan, on SQLite and PostgreSQL.
/// The threshold is lowered from the count limit so a test-sized account crosses it; QueryPlanTests holds the plan.
/// </summary>
public abstract class DenseSearchTests(DenseSearchTests.Numbers numbers)
{
    [SkippableTheory]
    [InlineData(NumberSort.Issued, true, 1)]
    [InlineData(NumberSort.Issued, true, 4)]
    [InlineData(NumberSort.Issued, false, 2)]
    [InlineData(NumberSort.Number, false, 1)]
    [InlineData(NumberSort.Number, true, 3)]
    public async Task Search_MatchingMoreThanItCounts_ReadsTheSamePageInTheListsOrder(NumberSort key, bool descending, int page)
    {
        Skip.If(numbers.Unavailable is not null, numbers.Unavailable);
        var database = numbers.Database;
        await using var db = database.NewContext();
        var filter = new NumberFilter("a", null, null);
        var sort = new ListSort<NumberSort>(key, descending);

        var fromIndex = await new AccountNumbersQuery(db, database.Time) { DenseSearchAbove = int.MaxValue }
            .ListAsync(numbers.Owner, filter, sort, new PageRequest(page), default);
        var walked = await new AccountNumbersQuery(db, database.Time) { DenseSearchAbove = 100 }
            .ListAsync(numbers.Owner, filter, sort, new PageRequest(page), default);

        Assert.True(fromIndex.Total > 100, $"only {fromIndex.Total} numbers start with a");
        Assert.Equal(20, walked.Items.Count);
        Assert.Equal(fromIndex.Items.Select(n => n.Number), walked.Items.Select(n => n.Number));
        Assert.Equal((fromIndex.Total, fromIndex.TotalIsExact), (walked.Total, walked.TotalIsExact));
        Assert.All(walked.Items, n => Assert.StartsWith("a", n.Number, StringComparison.Ordinal));
    }

    /// <summary>One account holding 6,000 numbers (about 375 start with "a").</summary>
    public abstract class Numbers : IAsyncLifetime
    {
        internal TestDatabase Database { get; private set; } = null!;

        public string Owner { get; private set; } = null!;

        /// <summary>Why the database cannot be had here (no PostgreSQL binaries); the tests then skip.</summary>
        public string? Unavailable { get; private set; }

        internal abstract Task<TestDatabase> CreateAsync();

        public async Task InitializeAsync()
        {
            try
            {
                Database = await CreateAsync();
            }
            catch (SkipException skipped)
            {
                Unavailable = skipped.Message;
                return;
            }

            Owner = await Database.SeedAccountAsync("dense");
            await ScaleData.GenerateAsync(Database, [Owner], instances: 1_200);
        }

        public async Task DisposeAsync()
        {
            if (Database is not null)
            {
                await Database.DisposeAsync();
            }
        }
    }

    public sealed class SqliteNumbers : Numbers
    {
        internal override Task<TestDatabase> CreateAsync() => TestDatabase.CreateSqliteAsync();
    }

    public sealed class PostgresNumbers : Numbers
    {
        internal override Task<TestDatabase> CreateAsync() => TestDatabase.CreatePostgresAsync();
    }
}

public sealed class SqliteDenseSearchTests(DenseSearchTests.SqliteNumbers numbers)
    : DenseSearchTests(numbers), IClassFixture<DenseSearchTests.SqliteNumbers>;

public sealed class PostgresDenseSearchTests(DenseSearchTests.PostgresNumbers numbers)
    : DenseSearchTests(numbers), IClassFixture<DenseSearchTests.PostgresNumbers>;
