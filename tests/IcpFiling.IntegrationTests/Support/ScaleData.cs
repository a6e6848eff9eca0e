using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.IntegrationTests.Support;

/// <summary>
/// Bulk rows in SQL for tests that need volume: running ECS instances with five numbers each (slot 1 used, the rest
/// unused), owned round-robin by the given accounts, then ANALYZE so SQLite plans as it would on a real database.
/// Every value spliced into the SQL is generated here or by the test (GUIDs, counts, times), never input.
/// </summary>
internal static class ScaleData
{
    public const int NumbersPerInstance = 5;

    public static async Task GenerateAsync(TestDatabase database, IReadOnlyList<string> owners, int instances, string prefix = "i-scale-")
    {
        await using var db = database.NewContext();
        var now = database.UtcNow;
        var issued = Sql(now.AddDays(-30));
        var expires = Sql(now.AddMonths(12));
        var ownerOf = string.Join(" ", owners.Select((id, i) => $"WHEN {i} THEN '{id}'"));
        await using var transaction = await db.Database.BeginTransactionAsync();
        var instancesSql = $"""
            WITH RECURSIVE seq(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM seq WHERE x < {instances - 1})
            INSERT INTO Instances (InstanceId, Name, Type, OwnerId, Provider, Region, Billing, SubscriptionStartsAt, PurchasedMonths,
                ExpiresAt, PublicIps, Status, IsTrial, OnHold, SourceVersion)
            SELECT '{prefix}' || x, 'site-' || printf('%07d', x), 'Ecs', CASE x % {owners.Count} {ownerOf} END, 'ThisProvider',
                'cn-hangzhou', 'Subscription', '{issued}', 24, '{expires}', '["47.96.' || (x / 250 % 250) || '.' || (x % 250 + 1) || '"]',
                'Running', 0, 0, 1
            FROM seq
            """;
        await db.Database.ExecuteSqlRawAsync(instancesSql);
        var numbersSql = $"""
            WITH RECURSIVE slot(s) AS (SELECT 1 UNION ALL SELECT s + 1 FROM slot WHERE s < {NumbersPerInstance})
            INSERT INTO ServiceNumbers (Number, InstanceRef, InstanceType, AccountId, IssuedAt, Status, Channel, QuotaKey, Slot, IdempotencyKey)
            SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
                    || '-a' || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
                i.Id, 'Ecs', i.OwnerId, datetime('{issued}', '+' || (i.Id * {NumbersPerInstance} + s) || ' seconds'),
                CASE WHEN s = 1 THEN 'Used' ELSE 'Unused' END, 'ApplicationPage', 'instance:' || i.InstanceId, s, 'scale-' || i.Id || '-' || s
            FROM Instances i CROSS JOIN slot
            WHERE i.InstanceId LIKE '{prefix}%'
            """;
        await db.Database.ExecuteSqlRawAsync(numbersSql);
        await transaction.CommitAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE;");
    }

    private static string Sql(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
