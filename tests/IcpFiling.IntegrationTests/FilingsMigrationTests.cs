using IcpFiling.Core.Persistence;
using IcpFiling.Migrations.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IcpFiling.IntegrationTests;

/// <summary>
/// FilingsRestrictionsAndReview on SQLite: the restriction's foreign key is added without rebuilding ServiceNumbers, so
/// nothing in it needs "PRAGMA foreign_keys = 0" (which SQLite ignores inside the migration's transaction). EF's warning
/// about such an operation is made an error here, so a migration that brings it back fails these tests.
/// </summary>
public sealed class FilingsMigrationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "icpfiling-migration-tests", Guid.NewGuid().ToString("N"));

    public FilingsMigrationTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Upgrade_FromInitialWithData_KeepsTheNumbersAndEnforcesTheRestrictionsForeignKey()
    {
        await using var db = Open("upgrade.db");
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("Initial");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO AspNetUsers (Id, DisplayName, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
                VALUES ('owner-1', 'Owner', 1, 0, 0, 1, 0);
            INSERT INTO Instances (Id, InstanceId, Name, Type, OwnerId, Provider, Region, RegionInMainlandChina, Billing, SubscriptionStartsAt,
                PurchasedMonths, ExpiresAt, PublicIp, Status, IsTrial, OnHold)
            VALUES (1, 'i-upgrade', 'a', 'Ecs', 'owner-1', 'ThisProvider', 'cn-hangzhou', 1, 'Subscription', '2026-01-01 00:00:00', 12,
                    '2027-01-01 00:00:00', '47.96.12.34', 'Running', 0, 0);
            INSERT INTO ServiceNumbers (Number, InstanceRef, InstanceType, AccountId, IssuedAt, Status, Channel, QuotaKey, Slot, IdempotencyKey)
            VALUES ('AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE', 1, 'Ecs', 'owner-1', '2026-01-02 00:00:00', 'Unused', 'ApplicationPage',
                    'instance:1', 1, 'key-1');
            """);

        await migrator.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var number = await db.ServiceNumbers.AsNoTracking().SingleAsync();
        Assert.Equal(("AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE", "owner-1", null), (number.Number, number.AccountId, number.RestrictedToAccountId));
        Assert.Empty(await Scalars(db, "SELECT \"table\" FROM pragma_foreign_key_check"));
        Assert.Contains("AspNetUsers RestrictedToAccountId RESTRICT", await ForeignKeys(db));

        // Enforced: a restriction to an account that does not exist is refused by the database.
        var refused = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE ServiceNumbers SET RestrictedToAccountId = 'nobody'"));
        Assert.Contains("FOREIGN KEY", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FreshAndUpgradedDatabases_EndUpWithTheSameSchema()
    {
        await using var fresh = Open("fresh.db");
        await fresh.Database.MigrateAsync();
        await using var upgraded = Open("upgraded.db");
        var migrator = upgraded.GetService<IMigrator>();
        await migrator.MigrateAsync("Initial");
        await migrator.MigrateAsync();

        Assert.Equal(await Schema(fresh), await Schema(upgraded));
        Assert.Equal(await ForeignKeys(fresh), await ForeignKeys(upgraded));
    }

    private IcpFilingDbContext Open(string file)
    {
        var options = new DbContextOptionsBuilder<IcpFilingDbContext>();
        options.UseIcpFilingSqlite($"Data Source={Path.Combine(_folder, file)}")
            .ConfigureWarnings(w => w.Throw(RelationalEventId.NonTransactionalMigrationOperationWarning));
        return new IcpFilingDbContext(options.Options);
    }

    private static Task<List<string>> Schema(IcpFilingDbContext db) =>
        Scalars(db, "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");

    private static Task<List<string>> ForeignKeys(IcpFilingDbContext db) =>
        Scalars(db, "SELECT \"table\" || ' ' || \"from\" || ' ' || on_delete FROM pragma_foreign_key_list('ServiceNumbers') ORDER BY \"from\"");

    private static async Task<List<string>> Scalars(IcpFilingDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
