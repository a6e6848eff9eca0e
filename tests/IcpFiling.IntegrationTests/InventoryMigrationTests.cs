using IcpFiling.Core.Persistence;
using IcpFiling.Migrations.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IcpFiling.IntegrationTests;

/// <summary>Upgrading a database with data in it to the inventory model: one address becomes a list, the mainland flag goes.</summary>
public sealed class InventoryMigrationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "icpfiling-migration-tests", Guid.NewGuid().ToString("N"));

    public InventoryMigrationTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Upgrade_FromFilingsRestrictionsAndReview_CarriesEachInstancesAddressIntoItsList()
    {
        var options = new DbContextOptionsBuilder<IcpFilingDbContext>();
        options.UseIcpFilingSqlite($"Data Source={Path.Combine(_folder, "upgrade.db")}");
        await using var db = new IcpFilingDbContext(options.Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("FilingsRestrictionsAndReview");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO AspNetUsers (Id, DisplayName, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
                VALUES ('owner-1', 'Owner', 1, 0, 0, 1, 0);
            INSERT INTO Instances (InstanceId, Name, Type, OwnerId, Provider, Region, RegionInMainlandChina, Billing, SubscriptionStartsAt,
                PurchasedMonths, ExpiresAt, PublicIp, Status, IsTrial, OnHold)
            VALUES ('i-with-ip', 'a', 'Ecs', 'owner-1', 'ThisProvider', 'cn-hangzhou', 1, 'Subscription', '2026-01-01 00:00:00', 12,
                    '2027-01-01 00:00:00', '47.96.12.34', 'Running', 0, 0),
                   ('i-without-ip', 'b', 'Ecs', 'owner-1', 'ThisProvider', 'cn-hongkong', 0, 'Subscription', '2026-01-01 00:00:00', 12,
                    '2027-01-01 00:00:00', NULL, 'Running', 0, 0);
            """);

        await migrator.MigrateAsync();

        var instances = await db.Instances.AsNoTracking().OrderBy(i => i.InstanceId).ToListAsync();
        Assert.Equal(
            [("i-with-ip", new List<string> { "47.96.12.34" }, 0L, "cn-hangzhou"), ("i-without-ip", new List<string>(), 0L, "cn-hongkong")],
            instances.Select(i => (i.InstanceId, i.PublicIps, i.SourceVersion, i.Region)).ToList(),
            new TupleComparer());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    private sealed class TupleComparer : IEqualityComparer<(string, List<string>, long, string)>
    {
        public bool Equals((string, List<string>, long, string) x, (string, List<string>, long, string) y) =>
            x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2) && x.Item3 == y.Item3 && x.Item4 == y.Item4;

        public int GetHashCode((string, List<string>, long, string) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }
}
