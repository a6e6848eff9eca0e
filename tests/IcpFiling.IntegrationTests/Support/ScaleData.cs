using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.IntegrationTests.Support;

/// <summary>
/// Bulk rows in SQL for tests that need volume: running ECS instances with five numbers each (slot 1 used, the rest
/// unused), owned round-robin by the given accounts, then ANALYZE so the engine plans as it would on a real database. SQLite or PostgreSQL, by the database's provider.
/// Every value spliced into the SQL is generated here or by the test (GUIDs, counts, times), never input.
/// </summary>
internal static class ScaleData
{
    public const int NumbersPerInstance = 5;

    public static async Task GenerateAsync(TestDatabase database, IReadOnlyList<string> owners, int instances, string prefix = "i-scale-")
    {
        await using var db = database.NewContext();
        var now = database.UtcNow;
        var ownerOf = string.Join(" ", owners.Select((id, i) => $"WHEN {i} THEN '{id}'"));
        var postgres = db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";
        // A million rows in one statement outlasts the default 30-second command timeout on a busy machine.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (postgres)
        {
            await GeneratePostgresAsync(db, ownerOf, owners.Count, instances, prefix, now);
        }
        else
        {
            await GenerateSqliteAsync(db, ownerOf, owners.Count, instances, prefix, now);
        }

        await transaction.CommitAsync();
        // Both engines plan from statistics; fresh bulk rows have none until analysed.
        await db.Database.ExecuteSqlRawAsync("ANALYZE;");
    }

    private static async Task GenerateSqliteAsync(DbContext db, string ownerOf, int owners, int instances, string prefix, DateTime now)
    {
        var issued = Sql(now.AddDays(-30));
        var expires = Sql(now.AddMonths(12));
        var instancesSql = $"""
            WITH RECURSIVE seq(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM seq WHERE x < {instances - 1})
            INSERT INTO Instances (InstanceId, Name, Type, OwnerId, Provider, Region, Billing, SubscriptionStartsAt, PurchasedMonths,
                ExpiresAt, PublicIps, Status, IsTrial, OnHold, SourceVersion)
            SELECT '{prefix}' || x, 'site-' || printf('%07d', x), 'Ecs', CASE x % {owners} {ownerOf} END, 'ThisProvider',
                'cn-hangzhou', 'Subscription', '{issued}', 24, '{expires}', '["47.96.' || (x / 250 % 250) || '.' || (x % 250 + 1) || '"]',
                'Running', 0, 0, 1
            FROM seq
            """;
        await db.Database.ExecuteSqlRawAsync(instancesSql);
        var numbersSql = $"""
            WITH RECURSIVE slot(s) AS (SELECT 1 UNION ALL SELECT s + 1 FROM slot WHERE s < {NumbersPerInstance})
            INSERT INTO ServiceNumbers (Number, InstanceRef, InstanceType, AccountId, ResellerId, IssuedAt, Status, Channel, QuotaKey, Slot, IdempotencyKey)
            SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
                    || '-a' || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
                i.Id, 'Ecs', i.OwnerId, (SELECT u.ResellerId FROM AspNetUsers u WHERE u.Id = i.OwnerId), datetime('{issued}', '+' || (i.Id * {NumbersPerInstance} + s) || ' seconds'),
                CASE WHEN s = 1 THEN 'Used' ELSE 'Unused' END, 'ApplicationPage', 'instance:' || i.InstanceId, s, 'scale-' || i.Id || '-' || s
            FROM Instances i CROSS JOIN slot
            WHERE i.InstanceId LIKE '{prefix}%'
            """;
        await db.Database.ExecuteSqlRawAsync(numbersSql);
        // Each instance's address as a row (the search by IP), a filing for each used number (the search by website), and
        // every tenth second-slot number of the other owners granted to the first (Granted to me).
        var related1 = $"""
            INSERT INTO InstanceAddresses (InstanceRef, Address)
            SELECT i.Id, j.value FROM Instances i, json_each(i.PublicIps) j WHERE i.InstanceId LIKE '{prefix}%'
            """;
        await db.Database.ExecuteSqlRawAsync(related1);
        var related2 = $"""
            INSERT INTO Filings (Domain, DomainAscii, SubjectName, AccountId, ServiceNumberRef, Status, SubmittedAt)
            SELECT 'site' || n.Id || '.example.cn', 'site' || n.Id || '.example.cn', 'Scale Ltd.', n.AccountId, n.Id, 'Submitted', n.IssuedAt
            FROM ServiceNumbers n JOIN Instances i ON i.Id = n.InstanceRef
            WHERE n.Status = 'Used' AND i.InstanceId LIKE '{prefix}%'
            """;
        await db.Database.ExecuteSqlRawAsync(related2);
        var related3 = $"""
            UPDATE ServiceNumbers SET RestrictedToAccountId = '{FirstOwner(ownerOf)}', RestrictedAt = IssuedAt, RestrictionNote = 'scale grant'
            WHERE Slot = 2 AND Id % 10 = 0 AND AccountId <> '{FirstOwner(ownerOf)}'
            """;
        await db.Database.ExecuteSqlRawAsync(related3);
    }

    /// <summary>The first owner's id, from the CASE arms ("WHEN 0 THEN 'id' ...").</summary>
    private static string FirstOwner(string ownerOf) => ownerOf.Split('\'')[1];

    /// <summary>The same rows in PostgreSQL's dialect: quoted names, generate_series, text[] addresses, UUID numbers.</summary>
    private static async Task GeneratePostgresAsync(DbContext db, string ownerOf, int owners, int instances, string prefix, DateTime now)
    {
        var issued = Sql(now.AddDays(-30)) + "+00";
        var expires = Sql(now.AddMonths(12)) + "+00";
        var instancesSql = $"""
            INSERT INTO "Instances" ("InstanceId", "Name", "Type", "OwnerId", "Provider", "Region", "Billing", "SubscriptionStartsAt",
                "PurchasedMonths", "ExpiresAt", "PublicIps", "Status", "IsTrial", "OnHold", "SourceVersion")
            SELECT '{prefix}' || x, 'site-' || lpad(x::text, 7, '0'), 'Ecs', CASE x % {owners} {ownerOf} END, 'ThisProvider',
                'cn-hangzhou', 'Subscription', '{issued}'::timestamptz, 24, '{expires}'::timestamptz,
                ARRAY['47.96.' || (x / 250 % 250) || '.' || (x % 250 + 1)], 'Running', false, false, 1
            FROM generate_series(0, {instances - 1}) AS x
            """;
        await db.Database.ExecuteSqlRawAsync(instancesSql);
        var numbersSql = $"""
            INSERT INTO "ServiceNumbers" ("Number", "InstanceRef", "InstanceType", "AccountId", "ResellerId", "IssuedAt", "Status", "Channel",
                "QuotaKey", "Slot", "IdempotencyKey")
            SELECT gen_random_uuid()::text, i."Id", 'Ecs', i."OwnerId", (SELECT u."ResellerId" FROM "AspNetUsers" u WHERE u."Id" = i."OwnerId"),
                '{issued}'::timestamptz + make_interval(secs => i."Id" * {NumbersPerInstance} + s),
                CASE WHEN s = 1 THEN 'Used' ELSE 'Unused' END, 'ApplicationPage', 'instance:' || i."InstanceId", s,
                'scale-' || i."Id" || '-' || s
            FROM "Instances" i CROSS JOIN generate_series(1, {NumbersPerInstance}) AS s
            WHERE i."InstanceId" LIKE '{prefix}%'
            """;
        await db.Database.ExecuteSqlRawAsync(numbersSql);
        var related4 = $"""
            INSERT INTO "InstanceAddresses" ("InstanceRef", "Address")
            SELECT i."Id", a FROM "Instances" i, unnest(i."PublicIps") AS a WHERE i."InstanceId" LIKE '{prefix}%'
            """;
        await db.Database.ExecuteSqlRawAsync(related4);
        var related5 = $"""
            INSERT INTO "Filings" ("Domain", "DomainAscii", "SubjectName", "AccountId", "ServiceNumberRef", "Status", "SubmittedAt")
            SELECT 'site' || n."Id" || '.example.cn', 'site' || n."Id" || '.example.cn', 'Scale Ltd.', n."AccountId", n."Id", 'Submitted', n."IssuedAt"
            FROM "ServiceNumbers" n JOIN "Instances" i ON i."Id" = n."InstanceRef"
            WHERE n."Status" = 'Used' AND i."InstanceId" LIKE '{prefix}%'
            """;
        await db.Database.ExecuteSqlRawAsync(related5);
        var related6 = $"""
            UPDATE "ServiceNumbers" SET "RestrictedToAccountId" = '{FirstOwner(ownerOf)}', "RestrictedAt" = "IssuedAt", "RestrictionNote" = 'scale grant'
            WHERE "Slot" = 2 AND "Id" % 10 = 0 AND "AccountId" <> '{FirstOwner(ownerOf)}'
            """;
        await db.Database.ExecuteSqlRawAsync(related6);
    }

    private static string Sql(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
