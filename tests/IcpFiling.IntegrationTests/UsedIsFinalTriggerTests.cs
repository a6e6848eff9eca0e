using IcpFiling.Core.ServiceNumbers;
using IcpFiling.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.IntegrationTests;

/// <summary>
/// "Used is final" is held by the database too (the trigger the Baseline migration creates): a raw SQL write that moves a
/// number out of Used is refused, and the row stays as it was; every change the table allows still goes through.
/// SQL Server runs when ICPFILING_TEST_SQLSERVER names a server.
/// </summary>
public sealed class UsedIsFinalTriggerTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres", "SqlServer"];

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task RawUpdate_FromUsedBackToUnused_IsRefused(string provider)
    {
        await using var database = await MigratedAsync(provider);
        var number = await UsedNumberAsync(database);

        await AssertRefusedAsync(database, number, ServiceNumberStatus.Unused);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task RawUpdate_FromUsedToInvalid_IsRefused(string provider)
    {
        await using var database = await MigratedAsync(provider);
        var number = await UsedNumberAsync(database);

        await AssertRefusedAsync(database, number, ServiceNumberStatus.Invalid);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task RawUpdate_OfAUsedNumbersOtherColumns_IsAccepted(string provider)
    {
        await using var database = await MigratedAsync(provider);
        var number = await UsedNumberAsync(database);

        await using (var db = database.NewContext())
        {
            // Rewriting the reseller (ResellerNumbers does) and writing Used again leave it Used: allowed.
            Assert.Equal(1, await db.Database.ExecuteSqlAsync(
                $"UPDATE \"ServiceNumbers\" SET \"ResellerId\" = NULL, \"Status\" = 'Used' WHERE \"Number\" = {number}"));
        }

        Assert.Equal(ServiceNumberStatus.Used, (await database.NumberAsync(number)).Status);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task RawUpdate_OutOfUnused_IsAccepted(string provider)
    {
        await using var database = await MigratedAsync(provider);
        var owner = await database.SeedAccountAsync("owner");
        var instance = await database.SeedInstanceAsync(owner, "i-raw");
        var used = await database.IssueAsync(owner, instance.InstanceId, "a");
        var voided = await database.IssueAsync(owner, instance.InstanceId, "b");

        await using (var db = database.NewContext())
        {
            Assert.Equal(1, await db.Database.ExecuteSqlAsync($"UPDATE \"ServiceNumbers\" SET \"Status\" = 'Used' WHERE \"Number\" = {used}"));
            Assert.Equal(1, await db.Database.ExecuteSqlAsync($"UPDATE \"ServiceNumbers\" SET \"Status\" = 'Invalid' WHERE \"Number\" = {voided}"));
        }

        Assert.Equal(ServiceNumberStatus.Used, (await database.NumberAsync(used)).Status);
        Assert.Equal(ServiceNumberStatus.Invalid, (await database.NumberAsync(voided)).Status);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task SetBasedChange_OfAUsedNumber_ChangesNoRow_BeforeTheTriggerIsReached(string provider)
    {
        await using var database = await MigratedAsync(provider);
        var number = await UsedNumberAsync(database);

        await using var db = database.NewContext();
        var changed = await db.ServiceNumbers.Where(n => n.Number == number)
            .ApplyAsync(NumberTransitions.Void, database.UtcNow, CancellationToken.None, "leaked");

        Assert.Equal(0, changed);
        Assert.Equal(ServiceNumberStatus.Used, (await database.NumberAsync(number)).Status);
    }

    private static async Task AssertRefusedAsync(TestDatabase database, string number, ServiceNumberStatus to)
    {
        var status = to.ToString();
        await using (var db = database.NewContext())
        {
            var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
                db.Database.ExecuteSqlAsync($"UPDATE \"ServiceNumbers\" SET \"Status\" = {status} WHERE \"Number\" = {number}"));
            Assert.Contains(NumberTransitions.UsedIsFinalTrigger, refused.Message, StringComparison.Ordinal);
        }

        var row = await database.NumberAsync(number);
        Assert.Equal(ServiceNumberStatus.Used, row.Status);
    }

    /// <summary>A number issued and used through the application's own change.</summary>
    private static async Task<string> UsedNumberAsync(TestDatabase database)
    {
        var owner = await database.SeedAccountAsync("owner");
        var instance = await database.SeedInstanceAsync(owner, "i-used");
        var number = await database.IssueAsync(owner, instance.InstanceId, "k");
        await using var db = database.NewContext();
        Assert.Equal(1, await db.ServiceNumbers.Where(n => n.Number == number).ApplyAsync(NumberTransitions.MarkUsed, database.UtcNow, CancellationToken.None));
        return number;
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
}
