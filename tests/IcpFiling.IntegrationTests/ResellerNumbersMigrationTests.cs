using IcpFiling.Core.Persistence;
using IcpFiling.Migrations.Postgres;
using IcpFiling.Migrations.Sqlite;
using IcpFiling.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IcpFiling.IntegrationTests;

/// <summary>
/// Issue12aResellerNumbers on a database that already holds numbers: each existing number takes its account's reseller
/// (none for an account without one), so the reseller's list shows the same numbers after the upgrade as before.
/// </summary>
public sealed class ResellerNumbersMigrationTests : IDisposable
{
    private const string Before = "Issue15eListSorting";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "icpfiling-migration-tests", Guid.NewGuid().ToString("N"));

    public ResellerNumbersMigrationTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Upgrade_WithNumbersOfCustomersAndOfOthers_GivesEachNumberItsAccountsReseller(string provider)
    {
        var (options, cleanUp) = await EmptyDatabaseAsync(provider);
        try
        {
            await using var db = new IcpFilingDbContext(options);
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(Before);
            var sqlite = provider == "Sqlite";
            // Literals only, written for the dialect: PostgreSQL's instants carry an offset and its addresses are an array.
            var rows = $"""
                INSERT INTO "AspNetUsers" ("Id", "DisplayName", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled",
                    "AccessFailedCount", "Suspended", "ResellerId")
                VALUES ('reseller-1', 'Reseller', true, false, false, true, 0, false, NULL),
                       ('customer-1', 'Customer', true, false, false, true, 0, false, 'reseller-1'),
                       ('direct-1', 'Direct', true, false, false, true, 0, false, NULL);
                INSERT INTO "Instances" ("Id", "InstanceId", "Name", "Type", "OwnerId", "Provider", "Region", "Billing", "SubscriptionStartsAt",
                    "PurchasedMonths", "ExpiresAt", "PublicIps", "Status", "IsTrial", "OnHold", "SourceVersion")
                VALUES (1, 'i-customer', 'a', 'Ecs', 'customer-1', 'ThisProvider', 'cn-hangzhou', 'Subscription', '2026-01-01 00:00:00{(sqlite ? "" : "+00")}', 12,
                        '2027-01-01 00:00:00{(sqlite ? "" : "+00")}', {(sqlite ? "'[]'" : "ARRAY[]::text[]")}, 'Running', false, false, 1),
                       (2, 'i-direct', 'b', 'Ecs', 'direct-1', 'ThisProvider', 'cn-hangzhou', 'Subscription', '2026-01-01 00:00:00{(sqlite ? "" : "+00")}', 12,
                        '2027-01-01 00:00:00{(sqlite ? "" : "+00")}', {(sqlite ? "'[]'" : "ARRAY[]::text[]")}, 'Running', false, false, 1);
                INSERT INTO "ServiceNumbers" ("Number", "InstanceRef", "InstanceType", "AccountId", "IssuedAt", "Status", "Channel", "QuotaKey", "Slot", "IdempotencyKey")
                VALUES ('aaaaaaaa-0000-4000-a000-000000000001', 1, 'Ecs', 'customer-1', '2026-01-02 00:00:00{(sqlite ? "" : "+00")}', 'Unused', 'ApplicationPage', 'instance:1', 1, 'key-1'),
                       ('aaaaaaaa-0000-4000-a000-000000000002', 1, 'Ecs', 'customer-1', '2026-01-03 00:00:00{(sqlite ? "" : "+00")}', 'Used', 'ApplicationPage', 'instance:1', 2, 'key-2'),
                       ('aaaaaaaa-0000-4000-a000-000000000003', 2, 'Ecs', 'direct-1', '2026-01-02 00:00:00{(sqlite ? "" : "+00")}', 'Unused', 'ApplicationPage', 'instance:2', 1, 'key-1');
                """;
            await db.Database.ExecuteSqlRawAsync(rows);

            await migrator.MigrateAsync();

            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var numbers = await db.ServiceNumbers.AsNoTracking().OrderBy(n => n.Number).Select(n => new { n.Number, n.ResellerId }).ToListAsync();
            Assert.Equal(
                [("aaaaaaaa-0000-4000-a000-000000000001", "reseller-1"), ("aaaaaaaa-0000-4000-a000-000000000002", "reseller-1"),
                 ("aaaaaaaa-0000-4000-a000-000000000003", (string?)null)],
                numbers.Select(n => (n.Number, n.ResellerId)));
        }
        finally
        {
            await cleanUp();
        }
    }

    private async Task<(DbContextOptions<IcpFilingDbContext> Options, Func<Task> CleanUp)> EmptyDatabaseAsync(string provider)
    {
        var builder = new DbContextOptionsBuilder<IcpFilingDbContext>();
        if (provider == "Sqlite")
        {
            builder.UseIcpFilingSqlite($"Data Source={Path.Combine(_folder, "upgrade.db")}");
            return (builder.Options, () => Task.CompletedTask);
        }

        Skip.If(PostgresCluster.UnavailableReason is not null, PostgresCluster.UnavailableReason);
        var cluster = await PostgresCluster.GetAsync();
        var connectionString = await cluster.CreateEmptyDatabaseAsync();
        builder.UseIcpFilingPostgres(connectionString);
        return (builder.Options, () => cluster.DropDatabaseAsync(connectionString));
    }
}
