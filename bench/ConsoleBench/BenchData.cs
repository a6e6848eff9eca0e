using System.Globalization;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Persistence;
using IcpFiling.Migrations.Sqlite;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConsoleBench;

/// <summary>
/// A console database for the benchmark: migrated by the console's own migrations, one owner account with a
/// known password, and rows generated in SQL (every value spliced into the SQL is generated here, never input).
/// </summary>
internal sealed record BenchDatabase(string Folder, string FileName, string OwnerId, string Token)
{
    public const string OwnerEmail = "bench-owner@bench.test";

    /// <summary>Only ever used on a throw-away database in a temporary folder.</summary>
    public const string OwnerPassword = "Bench-owner-1!";

    public const int NumbersPerInstance = 5;

    public string File => Path.Combine(Folder, FileName);

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = File }.ToString();

    /// <summary>
    /// <paramref name="numberedInstances"/> running ECS instances with five numbers each (slot 1 used, the rest
    /// unused; every 20th instance released, its unused numbers stored Invalid as the lifecycle sweep leaves
    /// them), and <paramref name="freshInstances"/> qualified instances without numbers for Apply.
    /// </summary>
    public static async Task<BenchDatabase> CreateAsync(string folder, int numberedInstances, int freshInstances)
    {
        Directory.CreateDirectory(folder);
        var options = new DbContextOptionsBuilder<IcpFilingDbContext>();
        options.UseIcpFilingSqlite(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "icpfiling.db") }.ToString());
        await using var db = new IcpFilingDbContext(options.Options);
        await db.Database.MigrateAsync();
        await SqliteDatabase.EnableWriteAheadLogAsync(db, CancellationToken.None);

        foreach (var role in Roles.All)
        {
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        }

        var owner = new ApplicationUser
        {
            Id = Guid.NewGuid().ToString(),
            UserName = OwnerEmail,
            NormalizedUserName = OwnerEmail.ToUpperInvariant(),
            Email = OwnerEmail,
            NormalizedEmail = OwnerEmail.ToUpperInvariant(),
            EmailConfirmed = true,
            DisplayName = "Bench owner",
            SecurityStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true,
        };
        owner.PasswordHash = new PasswordHasher<ApplicationUser>().HashPassword(owner, OwnerPassword);
        db.Users.Add(owner);
        await db.SaveChangesAsync();
        var ownerRole = await db.Roles.SingleAsync(r => r.Name == Roles.Owner);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = owner.Id, RoleId = ownerRole.Id });

        // An API token with every owner scope, stored hashed as the console stores one; its text lives only in this run.
        var key = SecretKeys.New(PersonalAccessTokens.Prefix);
        db.PersonalAccessTokens.Add(new PersonalAccessToken
        {
            AccountId = owner.Id,
            Name = "bench",
            Scopes = string.Join(' ', TokenScopes.For(Roles.Owner)),
            KeyId = key.KeyId,
            SecretHash = key.SecretHash,
            CreatedAt = DateTime.UtcNow,
            ExpiresAt = DateTime.UtcNow.AddDays(1),
        });
        await db.SaveChangesAsync();

        var now = DateTime.UtcNow;
        var started = Sql(now.AddDays(-60));
        var expires = Sql(now.AddDays(-60).AddMonths(24));
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlRawAsync(InstancesSql("i-bench-", numberedInstances, owner.Id, started, expires, releasedEvery: 20));
            await db.Database.ExecuteSqlRawAsync(InstancesSql("i-apply-", freshInstances, owner.Id, started, expires, releasedEvery: 0));
            var numbersSql = $"""
                WITH RECURSIVE slot(s) AS (SELECT 1 UNION ALL SELECT s + 1 FROM slot WHERE s < {NumbersPerInstance})
                INSERT INTO ServiceNumbers (Number, InstanceRef, InstanceType, AccountId, IssuedAt, Status, InvalidCause, VoidedAt,
                    Channel, QuotaKey, Slot, IdempotencyKey)
                SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
                        || '-a' || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
                    i.Id, 'Ecs', i.OwnerId, datetime('{started}', '+' || (i.Id * {NumbersPerInstance} + s) || ' seconds'),
                    CASE WHEN s = 1 THEN 'Used' WHEN i.Status = 'Released' THEN 'Invalid' ELSE 'Unused' END,
                    CASE WHEN s > 1 AND i.Status = 'Released' THEN 'InstanceEnded' END,
                    CASE WHEN s > 1 AND i.Status = 'Released' THEN '{started}' END,
                    'ApplicationPage', 'instance:' || i.InstanceId, s, 'bench-' || i.Id || '-' || s
                FROM Instances i CROSS JOIN slot
                WHERE i.InstanceId LIKE 'i-bench-%'
                """;
            await db.Database.ExecuteSqlRawAsync(numbersSql);
            await transaction.CommitAsync();
        }

        await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        SqliteConnection.ClearAllPools();
        return new BenchDatabase(folder, "icpfiling.db", owner.Id, key.Text);
    }

    /// <summary>Every number in the database: the API's batch keys are hashed per unit, so its applies are counted by difference.</summary>
    public async Task<int> CountNumbersAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM ServiceNumbers";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Numbers whose idempotency key starts with the prefix (the bench's keys are "prefix-thread-counter").</summary>
    public async Task<int> CountIssuedAsync(string keyPrefix)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM ServiceNumbers WHERE IdempotencyKey LIKE $prefix";
        command.Parameters.AddWithValue("$prefix", keyPrefix + "-%");
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static string InstancesSql(string prefix, int count, string ownerId, string started, string expires, int releasedEvery) =>
        count == 0 ? "SELECT 1;" : $"""
            WITH RECURSIVE seq(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM seq WHERE x < {count - 1})
            INSERT INTO Instances (InstanceId, Name, Type, OwnerId, Provider, Region, Billing, SubscriptionStartsAt, PurchasedMonths,
                ExpiresAt, PublicIps, Status, IsTrial, OnHold, SourceVersion)
            SELECT '{prefix}' || x, 'site-' || printf('%07d', x), 'Ecs', '{ownerId}', 'ThisProvider', 'cn-hangzhou', 'Subscription',
                '{started}', 24, '{expires}', '["47.96.' || (x / 250 % 250) || '.' || (x % 250 + 1) || '"]',
                CASE WHEN {releasedEvery} > 0 AND x % {Math.Max(releasedEvery, 1)} = 7 THEN 'Released' ELSE 'Running' END, 0, 0, 1
            FROM seq;
            """;

    private static string Sql(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
