// Inventory benchmark (not a test): run with
//   dotnet run -c Release --project bench/InventoryBench [-- --rounds 7 --sweep 100000]
// Everything runs on a fresh SQLite file (WAL, synchronous=FULL as the console runs it) in a temporary folder.
//  1. Batches: N rounds of one 1,000-instance batch through InventoryCommands (validation, versions, audit rows,
//     one transaction), interleaved with a baseline round that inserts the same 1,000 instance rows and 1,000
//     audit rows with raw ADO.NET in one transaction. Medians, batches/s and the ratio.
//  2. Sweep: 100,000 instances whose expiry has passed, each with one unused number; the lifecycle sweep ends
//     them all (statuses, numbers, an audit row each). Baseline: the same two UPDATEs and audit INSERTs as raw SQL.
using System.Diagnostics;
using System.Globalization;
using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Inventory;
using IcpFiling.Core.Persistence;
using IcpFiling.Migrations.Sqlite;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

var rounds = Option("--rounds", 7);
var sweepSize = Option("--sweep", 100_000);
var folder = Path.Combine(Path.GetTempPath(), "icpfiling-inventory-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
try
{
    var regions = new RegionCatalog(new Fixed<RegionOptions>(new RegionOptions
    {
        Catalog = new(StringComparer.Ordinal) { ["cn-hangzhou"] = new Region { English = "China (Hangzhou)", Chinese = "华东1（杭州）", Mainland = true } },
    }));

    // 1. Batches.
    var batchDb = await NewDatabaseAsync(Path.Combine(folder, "batches.db"));
    var owner = await SeedOwnerAsync(batchDb);
    var console = new List<double>();
    var baseline = new List<double>();
    for (var round = 0; round < rounds + 1; round++)
    {
        var items = Enumerable.Range(0, 1000).Select(i => new InventoryItem(Instance: Record($"i-b{round}-{i:D4}", owner))).ToList();
        await using (var db = batchDb.NewContext())
        {
            var inventory = new InventoryCommands(new ChangeRunner(db, TimeProvider.System, NullLogger<ChangeRunner>.Instance), regions, NullLogger<InventoryCommands>.Instance);
            var watch = Stopwatch.StartNew();
            var outcome = await inventory.ApplyAsync(Actor.System, items, CancellationToken.None);
            watch.Stop();
            if (outcome.Kind != OutcomeKind.Done || outcome.Value!.Created != 1000)
            {
                throw new InvalidOperationException($"The batch was not stored: {outcome.Kind}");
            }

            // The first round warms up EF Core and the JIT; it is not counted.
            if (round > 0)
            {
                console.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var raw = await RawInsertAsync(batchDb.ConnectionString, owner, $"i-r{round}-", 1000);
        if (round > 0)
        {
            baseline.Add(raw);
        }
    }

    var batchMedian = Median(console);
    var rawMedian = Median(baseline);
    Console.WriteLine($"Batches of 1,000 instances ({rounds} rounds, medians):");
    Console.WriteLine(Invariant($"  IcpFiling inventory: {batchMedian,8:F0} ms per batch = {1000 / batchMedian,5:F2} batches/s = {1_000_000 / batchMedian,7:F0} instances/s"));
    Console.WriteLine(Invariant($"  raw ADO.NET baseline:{rawMedian,8:F0} ms per batch = {1000 / rawMedian,5:F2} batches/s"));
    Console.WriteLine(Invariant($"  ratio (baseline time / IcpFiling time): {rawMedian / batchMedian:F2}x"));

    // 2. Sweep.
    var sweepDb = await NewDatabaseAsync(Path.Combine(folder, "sweep.db"));
    var sweepOwner = await SeedOwnerAsync(sweepDb);
    await SeedExpiredAsync(sweepDb.ConnectionString, sweepOwner, "i-s-", sweepSize);
    await using (var db = sweepDb.NewContext())
    {
        var lifecycle = new InstanceLifecycle(new ChangeRunner(db, TimeProvider.System, NullLogger<ChangeRunner>.Instance), TimeProvider.System, NullLogger<InstanceLifecycle>.Instance);
        var watch = Stopwatch.StartNew();
        var result = await lifecycle.SweepAsync(CancellationToken.None);
        watch.Stop();
        Console.WriteLine(Invariant($"Lifecycle sweep of {sweepSize:N0} expired instances, one unused number each:"));
        Console.WriteLine(Invariant($"  IcpFiling sweep:     {watch.Elapsed.TotalSeconds,6:F1} s ({result.InstancesExpired:N0} instances ended, {result.NumbersEnded:N0} numbers Invalid, {result.InstancesExpired + result.NumbersEnded:N0} audit rows)"));
        var rawDb = await NewDatabaseAsync(Path.Combine(folder, "sweep-raw.db"));
        var rawOwner = await SeedOwnerAsync(rawDb);
        await SeedExpiredAsync(rawDb.ConnectionString, rawOwner, "i-s-", sweepSize);
        var rawSweep = await RawSweepAsync(rawDb.ConnectionString);
        Console.WriteLine(Invariant($"  raw SQL baseline:    {rawSweep,6:F1} s (two UPDATEs and the audit INSERTs, one transaction)"));
        Console.WriteLine(Invariant($"  ratio (baseline time / IcpFiling time): {rawSweep / watch.Elapsed.TotalSeconds:F2}x"));
    }
}
finally
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static InstanceRecord Record(string id, string owner) => new()
{
    InstanceId = id,
    OwnerId = owner,
    Type = InstanceType.Ecs,
    Name = "bench " + id,
    RegionId = "cn-hangzhou",
    Billing = BillingMethod.Subscription,
    SubscriptionStartsAt = DateTime.UtcNow.AddMonths(-1),
    PurchasedMonths = 12,
    ExpiresAt = DateTime.UtcNow.AddMonths(11),
    PublicIps = ["47.96.1.2"],
    Status = InstanceStatus.Running,
    Version = 1,
};

static async Task<BenchDatabase> NewDatabaseAsync(string file)
{
    var database = new BenchDatabase($"Data Source={file}");
    await using var db = database.NewContext();
    await db.Database.MigrateAsync();
    await SqliteDatabase.EnableWriteAheadLogAsync(db, CancellationToken.None);
    return database;
}

static async Task<string> SeedOwnerAsync(BenchDatabase database)
{
    await using var db = database.NewContext();
    var roles = Roles.All.Select(r => new IdentityRole(r) { NormalizedName = r.ToUpperInvariant() }).ToList();
    var role = roles.Single(r => r.Name == Roles.Owner);
    var user = new ApplicationUser { Id = "bench-owner", UserName = "bench@example.cn", NormalizedUserName = "BENCH@EXAMPLE.CN", Email = "bench@example.cn", NormalizedEmail = "BENCH@EXAMPLE.CN", SecurityStamp = "s" };
    db.Roles.AddRange(roles);
    db.Users.Add(user);
    db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
    await db.SaveChangesAsync();
    return user.Id;
}

static async Task<double> RawInsertAsync(string connectionString, string owner, string prefix, int count)
{
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    var watch = Stopwatch.StartNew();
    await using var transaction = await connection.BeginTransactionAsync();
    var insert = connection.CreateCommand();
    insert.CommandText = """
        INSERT INTO Instances (InstanceId, Name, Type, OwnerId, Provider, Region, Billing, SubscriptionStartsAt, PurchasedMonths, ExpiresAt,
            PublicIps, Status, IsTrial, OnHold, SourceVersion)
        VALUES ($id, $name, 'Ecs', $owner, 'ThisProvider', 'cn-hangzhou', 'Subscription', $start, 12, $expires, '["47.96.1.2"]', 'Running', 0, 0, 1);
        INSERT INTO AuditEntries (At, ActorId, ActorRole, Action, SubjectType, SubjectId, Detail) VALUES ($start, 'system', 'System', 'instance.created', 'instance', $id, 'version 1');
        """;
    var id = insert.Parameters.Add("$id", SqliteType.Text);
    var name = insert.Parameters.Add("$name", SqliteType.Text);
    insert.Parameters.AddWithValue("$owner", owner);
    insert.Parameters.AddWithValue("$start", DateTime.UtcNow.AddMonths(-1));
    insert.Parameters.AddWithValue("$expires", DateTime.UtcNow.AddMonths(11));
    for (var i = 0; i < count; i++)
    {
        id.Value = $"{prefix}{i:D6}";
        name.Value = $"bench {prefix}{i:D6}";
        await insert.ExecuteNonQueryAsync();
    }

    await transaction.CommitAsync();
    return watch.Elapsed.TotalMilliseconds;
}

static async Task SeedExpiredAsync(string connectionString, string owner, string prefix, int count)
{
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using var transaction = await connection.BeginTransactionAsync();
    var insert = connection.CreateCommand();
    insert.CommandText = """
        INSERT INTO Instances (InstanceId, Name, Type, OwnerId, Provider, Region, Billing, SubscriptionStartsAt, PurchasedMonths, ExpiresAt,
            PublicIps, Status, IsTrial, OnHold, SourceVersion)
        VALUES ($id, $id, 'Ecs', $owner, 'ThisProvider', 'cn-hangzhou', 'Subscription', $start, 12, $expired, '["47.96.1.2"]', 'Running', 0, 0, 1);
        INSERT INTO ServiceNumbers (Number, InstanceRef, InstanceType, AccountId, IssuedAt, Status, Channel, QuotaKey, Slot, IdempotencyKey)
        VALUES (lower(hex(randomblob(16))), last_insert_rowid(), 'Ecs', $owner, $start, 'Unused', 'ApplicationPage', 'instance:' || $id, 1, $id);
        """;
    var id = insert.Parameters.Add("$id", SqliteType.Text);
    insert.Parameters.AddWithValue("$owner", owner);
    insert.Parameters.AddWithValue("$start", DateTime.UtcNow.AddMonths(-13));
    insert.Parameters.AddWithValue("$expired", DateTime.UtcNow.AddDays(-1));
    for (var i = 0; i < count; i++)
    {
        id.Value = $"{prefix}{i:D6}";
        await insert.ExecuteNonQueryAsync();
    }

    await transaction.CommitAsync();
}

static async Task<double> RawSweepAsync(string connectionString)
{
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    var watch = Stopwatch.StartNew();
    await using var transaction = await connection.BeginTransactionAsync();
    var command = connection.CreateCommand();
    command.CommandText = """
        INSERT INTO AuditEntries (At, ActorId, ActorRole, Action, SubjectType, SubjectId, Detail)
            SELECT $now, 'system', 'System', 'instance.expired', 'instance', InstanceId, 'expiry time passed' FROM Instances WHERE Status = 'Running' AND ExpiresAt <= $now;
        UPDATE Instances SET Status = 'Expired' WHERE Status = 'Running' AND ExpiresAt <= $now;
        INSERT INTO AuditEntries (At, ActorId, ActorRole, Action, SubjectType, SubjectId, Detail)
            SELECT $now, 'system', 'System', 'number.ended', 'number', n.Number, 'instance expired'
            FROM ServiceNumbers n JOIN Instances i ON i.Id = n.InstanceRef WHERE n.Status = 'Unused' AND i.Status = 'Expired';
        UPDATE ServiceNumbers SET Status = 'Invalid', InvalidCause = 'InstanceEnded', VoidedAt = $now
            WHERE Status = 'Unused' AND InstanceRef IN (SELECT Id FROM Instances WHERE Status = 'Expired');
        """;
    command.Parameters.AddWithValue("$now", DateTime.UtcNow);
    await command.ExecuteNonQueryAsync();
    await transaction.CommitAsync();
    return watch.Elapsed.TotalSeconds;
}

internal sealed class BenchDatabase(string connectionString)
{
    public string ConnectionString => connectionString;

    public IcpFilingDbContext NewContext() =>
        new(((DbContextOptionsBuilder<IcpFilingDbContext>)new DbContextOptionsBuilder<IcpFilingDbContext>().UseIcpFilingSqlite(connectionString)).Options);
}

internal sealed class Fixed<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
