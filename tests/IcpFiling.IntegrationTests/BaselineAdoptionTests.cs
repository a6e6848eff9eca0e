using IcpFiling.Core.Instances;
using IcpFiling.Core.Inventory;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;
using IcpFiling.Migrations.Postgres;
using IcpFiling.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PostgresTriggers = IcpFiling.Migrations.Postgres.ServiceNumberTriggers;
using SqliteTriggers = IcpFiling.Migrations.Sqlite.ServiceNumberTriggers;

namespace IcpFiling.IntegrationTests;

/// <summary>
/// A database made by an earlier release's migrations (OldMigrations/, the old chain as it ran) keeps working when this
/// version, whose migrations are one Baseline, starts on it: the start-up records the baseline as applied, the rows stay
/// as they were, and the schema is the one a fresh database gets from the baseline. A history that stops half-way
/// through the old chain stops the start with one line saying what to do. SQL Server takes the same code path.
/// </summary>
public sealed class BaselineAdoptionTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ReleasedDatabaseWithData_OnStart_RecordsTheBaseline_KeepsEveryRow_AndHasTheFreshSchema(string provider)
    {
        await using var old = await OldDatabaseAsync(provider, withGuardUsedIsFinal: false);
        await FillAsync(old);
        var columns = await old.ColumnsAsync();
        var rows = await old.RowsAsync(columns);

        await old.StartAsync();

        Assert.Equal([.. OldChain(provider).Ids, .. Migrations(old)], await old.HistoryAsync());
        Assert.Equal(rows, await old.RowsAsync(columns));
        AssertSameSchema(provider, await FreshSchemaAsync(provider), await old.SchemaAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task DatabaseFromAMainWithGuardUsedIsFinal_OnStart_RecordsTheBaseline_AndHasTheFreshSchema(string provider)
    {
        await using var old = await OldDatabaseAsync(provider, withGuardUsedIsFinal: true);
        await FillAsync(old);
        var columns = await old.ColumnsAsync();
        var rows = await old.RowsAsync(columns);

        await old.StartAsync();

        var chain = OldChain(provider);
        Assert.Equal([.. chain.Ids, chain.GuardUsedIsFinal, .. Migrations(old)], await old.HistoryAsync());
        Assert.Equal(rows, await old.RowsAsync(columns));
        AssertSameSchema(provider, await FreshSchemaAsync(provider), await old.SchemaAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task AdoptedDatabase_RefusesARawWriteThatLeavesUsed(string provider)
    {
        await using var old = await OldDatabaseAsync(provider, withGuardUsedIsFinal: false);
        var used = await FillAsync(old);

        await old.StartAsync();

        // The released chain had no UsedIsFinal trigger: the adoption created it, and it holds.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => old.ExecuteAsync(
            $"""UPDATE "ServiceNumbers" SET "Status" = 'Unused' WHERE "Number" = '{used}'"""));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task AdoptedDatabase_StartedAgain_ChangesNothing(string provider)
    {
        await using var old = await OldDatabaseAsync(provider, withGuardUsedIsFinal: false);
        await FillAsync(old);
        await old.StartAsync();
        var columns = await old.ColumnsAsync();
        var (history, rows, schema) = (await old.HistoryAsync(), await old.RowsAsync(columns), await old.SchemaAsync());

        await old.StartAsync();

        Assert.Equal(history, await old.HistoryAsync());
        Assert.Equal(rows, await old.RowsAsync(columns));
        Assert.Equal(schema, await old.SchemaAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task DatabaseHalfWayThroughTheOldChain_OnStart_IsRefusedWithOneLine_AndLeftAsItWas(string provider)
    {
        await using var old = await OldDatabaseAsync(provider, withGuardUsedIsFinal: false);
        var last = OldChain(provider).Ids[^1];
        await old.ExecuteAsync($"""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = '{last}'""");
        var (history, schema) = (await old.HistoryAsync(), await old.SchemaAsync());

        var refused = await Assert.ThrowsAsync<DatabaseSetupRefusedException>(old.StartAsync);

        Assert.DoesNotContain('\n', refused.Message);
        Assert.Contains(last, refused.Message, StringComparison.Ordinal);
        Assert.Contains("start the last release before the baseline migration once on it", refused.Message, StringComparison.Ordinal);
        Assert.Equal(history, await old.HistoryAsync());
        Assert.Equal(schema, await old.SchemaAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task OldChainScript_RecordsExactlyTheIdsAdoptionLooksFor(string provider)
    {
        await using var old = await OldDatabaseAsync(provider, withGuardUsedIsFinal: false);

        Assert.Equal(OldChain(provider).Ids, await old.HistoryAsync());
    }

    /// <summary>An empty database on which the old chain's script ran; with GuardUsedIsFinal too, as a main after it left it.</summary>
    private static async Task<ProviderDatabase> OldDatabaseAsync(string provider, bool withGuardUsedIsFinal)
    {
        var database = await ProviderDatabase.CreateEmptyAsync(provider);
        await database.ExecuteAsync(database.OldMigrationsScript());
        if (withGuardUsedIsFinal)
        {
            await database.ExecuteAsync(provider == "Sqlite" ? SqliteTriggers.CreateUsedIsFinal : PostgresTriggers.CreateUsedIsFinal);
            await database.ExecuteAsync(
                $"""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('{OldChain(provider).GuardUsedIsFinal}', '10.0.15')""");
        }

        return database;
    }

    private static async Task<List<string>> FreshSchemaAsync(string provider)
    {
        await using var fresh = await ProviderDatabase.CreateEmptyAsync(provider);
        await fresh.StartAsync();
        Assert.Equal(Migrations(fresh), await fresh.HistoryAsync());
        return await fresh.SchemaAsync();
    }

    /// <summary>
    /// Rows in the main tables, written the way the app writes them: accounts with roles, instances with addresses, numbers
    /// issued (one used by a filing, one restricted), audit entries, an API client. Returns the used number. The app
    /// writes with today's model, so the migrations after the baseline are applied around the fill and rolled back
    /// (their own Up and Down scripts): the database is again as the old chain left it, with the rows in it.
    /// </summary>
    private static async Task<string> FillAsync(ProviderDatabase old)
    {
        var database = old.AsTestDatabase();
        var (up, down) = LaterMigrationsScripts(database);
        await old.ExecuteAsync(up);
        var used = await FillWithTodaysModelAsync(database, old);
        await old.ExecuteAsync(down);
        return used;
    }

    private static async Task<string> FillWithTodaysModelAsync(TestDatabase database, ProviderDatabase old)
    {
        var owner = await database.SeedAccountAsync("owner");
        await database.SeedAccountAsync("colleague");
        var instance = await database.SeedInstanceAsync(owner, "i-old");
        await database.SeedInstanceAsync(owner, "i-other", InstanceType.Ecs, i => i.PublicIps = ["47.96.12.35", "47.96.12.36"]);
        var free = await database.IssueAsync(owner, instance.InstanceId, "k-1");
        Outcomes.Done(await database.RestrictAsync(owner, free, "colleague@example.com"));
        Outcomes.Done(await database.SubmitWithInstanceAsync(FilingCalls.Request(owner, "old.example.com"), instance.InstanceId, "k-2"));
        await using var db = database.NewContext();
        db.ApiClients.Add(new ApiClient
        {
            Name = "inventory", Scopes = ApiScopes.InventoryWrite, KeyId = "oldkey0000000001", SecretHash = "hash",
            CreatedAt = database.UtcNow, CreatedBy = owner,
        });
        await db.SaveChangesAsync();
        var used = await db.ServiceNumbers.AsNoTracking().Where(n => n.Status == ServiceNumberStatus.Used).Select(n => n.Number).SingleAsync();
        Assert.NotEmpty(await old.LinesAsync("""SELECT * FROM "AuditEntries" """));
        return used;
    }

    /// <summary>Equal schemas; on failure, the lines only one side has.</summary>
    /// <summary>
    /// The one difference allowed, and required: the old SQLite chain added three NOT NULL columns with a DEFAULT that
    /// filled the rows already there (AddColumn's defaultValue). The model declares no default, so the baseline creates
    /// none; SQLite drops a default only by rebuilding the table, and EF writes every column on insert, so they stay.
    /// </summary>
    private static readonly Dictionary<string, string> SqliteLeftoverDefaults = new(StringComparer.Ordinal)
    {
        ["column AspNetUsers.Suspended INTEGER notnull=1 default=0 pk=0"] = "column AspNetUsers.Suspended INTEGER notnull=1 default=- pk=0",
        ["column Instances.PublicIps TEXT notnull=1 default='[]' pk=0"] = "column Instances.PublicIps TEXT notnull=1 default=- pk=0",
        ["column Instances.SourceVersion INTEGER notnull=1 default=0 pk=0"] = "column Instances.SourceVersion INTEGER notnull=1 default=- pk=0",
    };

    private static void AssertSameSchema(string provider, List<string> fresh, List<string> adopted)
    {
        if (provider == "Sqlite")
        {
            Assert.Equal(SqliteLeftoverDefaults.Keys.Order(StringComparer.Ordinal), adopted.Where(SqliteLeftoverDefaults.ContainsKey));
            adopted = [.. adopted.Select(line => SqliteLeftoverDefaults.GetValueOrDefault(line, line)).Order(StringComparer.Ordinal)];
        }

        var (onlyInFresh, onlyInAdopted) = (fresh.Except(adopted).ToList(), adopted.Except(fresh).ToList());
        Assert.True(
            onlyInFresh.Count == 0 && onlyInAdopted.Count == 0,
            $"Only in the fresh database:\n  {string.Join("\n  ", onlyInFresh)}\nOnly in the adopted one:\n  {string.Join("\n  ", onlyInAdopted)}");
        Assert.Equal(fresh, adopted);
    }

    private static BaselineAdoption.OldChain OldChain(string provider) =>
        BaselineAdoption.Chains[provider == "Sqlite" ? "Microsoft.EntityFrameworkCore.Sqlite" : PostgresDatabase.ProviderName];

    /// <summary>This version's migrations, the Baseline first.</summary>
    private static List<string> Migrations(ProviderDatabase database)
    {
        using var db = database.AsTestDatabase().NewContext();
        var migrations = db.Database.GetMigrations().ToList();
        Assert.EndsWith("_Baseline", migrations[0], StringComparison.Ordinal);
        return migrations;
    }

    /// <summary>SQL that applies the migrations after the Baseline, and SQL that reverts them to it (empty when there are none).</summary>
    private static (string Up, string Down) LaterMigrationsScripts(TestDatabase database)
    {
        using var db = database.NewContext();
        var migrations = db.Database.GetMigrations().ToList();
        if (migrations.Count == 1)
        {
            return ("SELECT 1", "SELECT 1");
        }

        var migrator = db.GetService<IMigrator>();
        return (migrator.GenerateScript(migrations[0], migrations[^1]), migrator.GenerateScript(migrations[^1], migrations[0]));
    }
}
