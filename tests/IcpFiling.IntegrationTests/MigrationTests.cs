using IcpFiling.Core.Persistence;
using IcpFiling.IntegrationTests.Support;
using IcpFiling.Migrations.Postgres;
using IcpFiling.Migrations.Sqlite;
using IcpFiling.Migrations.SqlServer;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IcpFiling.IntegrationTests;

/// <summary>Every provider's migrations match the model; no server is contacted for SQL Server, PostgreSQL's run on the test cluster.</summary>
public sealed class MigrationTests
{
    private const string UnusedSqlServer = "Server=unused;Database=unused;TrustServerCertificate=True";

    private static IcpFilingDbContext SqlServerContext()
    {
        var options = new DbContextOptionsBuilder<IcpFilingDbContext>();
        options.UseIcpFilingSqlServer(UnusedSqlServer);
        return new IcpFilingDbContext(options.Options);
    }

    [Fact]
    public void SqliteMigrations_HaveNoPendingModelChanges()
    {
        var options = new DbContextOptionsBuilder<IcpFilingDbContext>();
        options.UseIcpFilingSqlite("Data Source=never-opened.db");
        using var db = new IcpFilingDbContext(options.Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void SqlServerMigrations_HaveNoPendingModelChanges()
    {
        using var db = SqlServerContext();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQL Server migration.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void SqlServerIdempotentScript_CreatesTheUniqueIndexesThatDecideRaces()
    {
        using var db = SqlServerContext();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE UNIQUE INDEX [IX_ServiceNumbers_QuotaKey_Slot] ON [ServiceNumbers] ([QuotaKey], [Slot])", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX [IX_ServiceNumbers_Number] ON [ServiceNumbers] ([Number])", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX [IX_ServiceNumbers_AccountId_IdempotencyKey] ON [ServiceNumbers] ([AccountId], [IdempotencyKey])", script, StringComparison.Ordinal);
        Assert.Contains("CONSTRAINT [CK_ServiceNumbers_Slot] CHECK ([Slot] >= 1)", script, StringComparison.Ordinal);
        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgresMigrations_HaveNoPendingModelChanges()
    {
        var options = new DbContextOptionsBuilder<IcpFilingDbContext>();
        options.UseIcpFilingPostgres("Host=unused;Database=unused");
        using var db = new IcpFilingDbContext(options.Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a PostgreSQL migration.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [SkippableFact]
    public async Task PostgresDatabase_AfterMigrate_HasEveryMigrationAndTheConstraintsThatDecideRaces()
    {
        await using var database = await TestDatabase.CreatePostgresAsync();
        await using var db = database.NewContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        var indexes = await db.Database.SqlQueryRaw<string>(
            "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename IN ('ServiceNumbers', 'Filings') AND indexdef LIKE 'CREATE UNIQUE%'").ToListAsync();
        Assert.Contains(indexes, i => i.Contains("(\"QuotaKey\", \"Slot\")", StringComparison.Ordinal));
        Assert.Contains(indexes, i => i.Contains("(\"DomainAscii\") WHERE ((\"Status\")::text = 'Submitted'::text)", StringComparison.Ordinal));
        var checks = await db.Database.SqlQueryRaw<string>(
            "SELECT pg_get_constraintdef(oid) AS \"Value\" FROM pg_constraint WHERE conname = 'CK_ServiceNumbers_Slot'").ToListAsync();
        Assert.Equal("CHECK ((\"Slot\" >= 1))", Assert.Single(checks));
    }

    [Fact]
    public async Task SqliteFile_AfterMigrateAndWriteAheadLog_HasEveryMigrationAndWalJournal()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await using var db = database.NewContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        var journalMode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();
        Assert.Equal("wal", Assert.Single(journalMode));
    }
}
