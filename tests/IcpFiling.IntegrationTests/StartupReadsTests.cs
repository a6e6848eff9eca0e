using IcpFiling.Core.Accounts;
using IcpFiling.Core.Persistence;
using IcpFiling.IntegrationTests.Support;
using IcpFiling.Testing;
using IcpFiling.Migrations.Postgres;
using IcpFiling.Migrations.Sqlite;
using IcpFiling.Migrations.SqlServer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.IntegrationTests;

/// <summary>
/// The start-up reads answer exactly what EF's own checks answer: "fully migrated" only when no migration is pending,
/// on every provider, including a database without a history table or without the database itself.
/// </summary>
public sealed class StartupReadsTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres", "SqlServer"];

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task IsFullyMigrated_OnAMigratedDatabase_IsTrue_AsEfFindsNothingPending(string provider)
    {
        await using var database = await MigratedAsync(provider);
        await using var db = database.NewContext();

        Assert.True(await StartupReads.IsFullyMigratedAsync(db, CancellationToken.None));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task IsFullyMigrated_WhenTheLatestMigrationIsNotRecorded_IsFalse(string provider)
    {
        await using var database = await MigratedAsync(provider);
        await using var db = database.NewContext();
        var latest = db.Database.GetMigrations().Last();

        await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {latest}");

        Assert.False(await StartupReads.IsFullyMigratedAsync(db, CancellationToken.None));
        Assert.Equal([latest], await db.Database.GetPendingMigrationsAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task IsFullyMigrated_OnADatabaseWithoutHistoryTable_IsFalse_AndMigrateThenMakesItTrue(string provider)
    {
        await using var empty = await EmptyAsync(provider);
        await using (var db = empty.NewContext())
        {
            Assert.False(await StartupReads.IsFullyMigratedAsync(db, CancellationToken.None));
            Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
            await db.Database.MigrateAsync();
        }

        await using var migrated = empty.NewContext();
        Assert.True(await StartupReads.IsFullyMigratedAsync(migrated, CancellationToken.None));
    }

    [SkippableFact]
    public async Task IsFullyMigrated_WhenTheSqlServerDatabaseDoesNotExist_IsFalse()
    {
        var server = SqlServer();
        var connectionString = new SqlConnectionStringBuilder(server) { InitialCatalog = "IcpFilingMissing_" + Guid.NewGuid().ToString("N") }.ConnectionString;
        var options = new DbContextOptionsBuilder<IcpFilingDbContext>();
        options.UseIcpFilingSqlServer(connectionString);
        await using var db = new IcpFilingDbContext(options.Options);

        Assert.False(await StartupReads.IsFullyMigratedAsync(db, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task RoleNormalizedNames_AreTheStoredRolesNormalizedNames(string provider)
    {
        await using var database = await MigratedAsync(provider);
        await using (var seed = database.NewContext())
        {
            seed.Roles.AddRange(new IdentityRole(Roles.Owner) { NormalizedName = "OWNER" }, new IdentityRole(Roles.Support) { NormalizedName = "SUPPORT" });
            await seed.SaveChangesAsync();
        }

        await using var db = database.NewContext();

        Assert.Equal(["OWNER", "SUPPORT"], (await StartupReads.RoleNormalizedNamesAsync(db, CancellationToken.None))!.Order());
    }

    [Fact]
    public async Task BothReads_ThroughTheCompiledSqliteModelTheConsoleRunsOn_SeeWhatEfSees()
    {
        await using var empty = await EmptyAsync("Sqlite");
        await using (var db = empty.NewContext())
        {
            Assert.Null(await StartupReads.RoleNormalizedNamesAsync(db, CancellationToken.None));
            await db.Database.MigrateAsync();
            db.Roles.Add(new IdentityRole(Roles.Admin) { NormalizedName = "ADMIN" });
            await db.SaveChangesAsync();
        }

        await using var compiled = empty.NewCompiledContext();

        Assert.True(await StartupReads.IsFullyMigratedAsync(compiled, CancellationToken.None));
        Assert.Equal(["ADMIN"], await StartupReads.RoleNormalizedNamesAsync(compiled, CancellationToken.None));
    }

    private static Task<TestDatabase> MigratedAsync(string provider) => provider switch
    {
        "Sqlite" => TestDatabase.CreateSqliteAsync(),
        "Postgres" => TestDatabase.CreatePostgresAsync(),
        _ => TestDatabase.CreateSqlServerAsync(SqlServer()),
    };

    private static string SqlServer()
    {
        var connectionString = Environment.GetEnvironmentVariable(SqlServerIssueRaceTests.ConnectionStringVariable);
        Skip.If(string.IsNullOrWhiteSpace(connectionString), $"No SQL Server: set {SqlServerIssueRaceTests.ConnectionStringVariable} to run this on it.");
        return connectionString!;
    }

    /// <summary>A database with no schema at all, dropped on dispose.</summary>
    private static async Task<EmptyDatabase> EmptyAsync(string provider)
    {
        switch (provider)
        {
            case "Sqlite":
                var folder = Path.Combine(Path.GetTempPath(), "icpfiling-integrationtests", Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(folder);
                var file = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "icpfiling.db") }.ToString();
                return new EmptyDatabase(o => o.UseIcpFilingSqlite(file), () =>
                {
                    SqliteConnection.ClearAllPools();
                    Directory.Delete(folder, recursive: true);
                    return Task.CompletedTask;
                });
            case "Postgres":
                Skip.If(PostgresCluster.UnavailableReason is not null, PostgresCluster.UnavailableReason);
                var cluster = await PostgresCluster.GetAsync();
                var postgres = await cluster.CreateEmptyDatabaseAsync();
                return new EmptyDatabase(o => o.UseIcpFilingPostgres(postgres), () => cluster.DropDatabaseAsync(postgres));
            default:
                var name = "IcpFilingTests_" + Guid.NewGuid().ToString("N");
                var sqlServer = new SqlConnectionStringBuilder(SqlServer()) { InitialCatalog = name }.ConnectionString;
                await using (var master = new SqlConnection(new SqlConnectionStringBuilder(sqlServer) { InitialCatalog = "master" }.ConnectionString))
                {
                    await master.OpenAsync();
                    await using var create = master.CreateCommand();
                    create.CommandText = $"CREATE DATABASE [{name}]";
                    await create.ExecuteNonQueryAsync();
                }

                var database = new EmptyDatabase(o => o.UseIcpFilingSqlServer(sqlServer), null);
                return database;
        }
    }

    private sealed class EmptyDatabase(Action<DbContextOptionsBuilder> configure, Func<Task>? cleanUp) : IAsyncDisposable
    {
        public IcpFilingDbContext NewContext()
        {
            var options = new DbContextOptionsBuilder<IcpFilingDbContext>();
            configure(options);
            return new IcpFilingDbContext(options.Options);
        }

        public IcpFilingDbContext NewCompiledContext()
        {
            var options = new DbContextOptionsBuilder<IcpFilingDbContext>();
            configure(options);
            options.UseCompiledSqliteModel();
            return new IcpFilingDbContext(options.Options);
        }

        public async ValueTask DisposeAsync()
        {
            if (cleanUp is not null)
            {
                await cleanUp();
            }
            else
            {
                await using var db = NewContext();
                await db.Database.EnsureDeletedAsync();
            }
        }
    }
}
