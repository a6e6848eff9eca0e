using IcpFiling.Core.Accounts;
using IcpFiling.Core.Changes;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Inventory;
using IcpFiling.Core.Persistence;
using IcpFiling.Core.ServiceNumbers;
using IcpFiling.Migrations.Postgres;
using IcpFiling.Migrations.Sqlite;
using IcpFiling.Migrations.SqlServer;
using IcpFiling.Testing;
using Microsoft.Data.SqlClient;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IcpFiling.IntegrationTests.Support;

/// <summary>
/// A migrated database of its own for one test: a SQLite file in a fresh temporary folder, a fresh database
/// on the run's throw-away PostgreSQL cluster, or a freshly named SQL Server database. Seeds accounts and instances and runs the issuer the way the web app does:
/// a DbContext of its own for every request.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 30, 0, TimeSpan.Zero);

    private readonly Action<DbContextOptionsBuilder> _configure;
    private readonly Func<Task> _cleanUp;

    private TestDatabase(string description, Action<DbContextOptionsBuilder> configure, Func<Task> cleanUp)
    {
        Description = description;
        _configure = configure;
        _cleanUp = cleanUp;
    }

    public string Description { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public InstanceTypeCatalog Catalog { get; } = DomainTable.Catalog();

    public DateTime UtcNow => Time.GetUtcNow().UtcDateTime;

    /// <summary>A SQLite file in its own temporary folder, migrated and switched to write-ahead logging.</summary>
    public static async Task<TestDatabase> CreateSqliteAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "icpfiling-integrationtests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "icpfiling.db"),
        }.ToString();

        var database = new TestDatabase(
            $"SQLite file {connectionString}",
            options => options.UseIcpFilingSqlite(connectionString),
            () =>
            {
                // Pooled connections keep the file open; let go of them before deleting it.
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
                return Task.CompletedTask;
            });

        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        await SqliteDatabase.EnableWriteAheadLogAsync(db, CancellationToken.None);
        return database;
    }

    /// <summary>A new, uniquely named database on the given server, migrated; dropped again on dispose.</summary>
    public static async Task<TestDatabase> CreateSqlServerAsync(string serverConnectionString)
    {
        var connectionString = new SqlConnectionStringBuilder(serverConnectionString)
        {
            InitialCatalog = "IcpFilingTests_" + Guid.NewGuid().ToString("N"),
        }.ConnectionString;

        TestDatabase? database = null;
        database = new TestDatabase(
            "SQL Server database " + new SqlConnectionStringBuilder(connectionString).InitialCatalog,
            options => options.UseIcpFilingSqlServer(connectionString),
            async () =>
            {
                await using var db = database!.NewContext();
                await db.Database.EnsureDeletedAsync();
            });

        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>A new database on the run's PostgreSQL cluster, migrated; dropped again on dispose. Skips without the server binaries.</summary>
    public static async Task<TestDatabase> CreatePostgresAsync()
    {
        Skip.If(PostgresCluster.UnavailableReason is not null, PostgresCluster.UnavailableReason);
        var cluster = await PostgresCluster.GetAsync();
        var connectionString = await cluster.CreateMigratedDatabaseAsync();
        return new TestDatabase(
            "PostgreSQL database " + new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database,
            options => options.UseIcpFilingPostgres(connectionString),
            () => cluster.DropDatabaseAsync(connectionString));
    }

    /// <summary>A database as it already is (e.g. made by an old migration script): not migrated here.</summary>
    public static TestDatabase AsItIs(string description, Action<DbContextOptionsBuilder> configure, Func<Task> cleanUp) =>
        new(description, configure, cleanUp);

    public IcpFilingDbContext NewContext(params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<IcpFilingDbContext>();
        _configure(options);
        if (interceptors.Length > 0)
        {
            options.AddInterceptors(interceptors);
        }

        return new IcpFilingDbContext(options.Options);
    }

    /// <summary>An account in <paramref name="role"/> (the console's roles are created on first use, as the app does at start).</summary>
    public async Task<string> SeedAccountAsync(string userName, string role = Roles.Owner)
    {
        var user = new ApplicationUser
        {
            Id = Guid.NewGuid().ToString(),
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            Email = userName + "@example.com",
            NormalizedEmail = (userName + "@example.com").ToUpperInvariant(),
            EmailConfirmed = true,
            DisplayName = userName,
            SecurityStamp = Guid.NewGuid().ToString(),
        };
        await using var db = NewContext();
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = await RoleIdAsync(db, role) });
        await db.SaveChangesAsync();
        return user.Id;
    }

    private static async Task<string> RoleIdAsync(IcpFilingDbContext db, string role)
    {
        foreach (var name in Roles.All.Where(r => !db.Roles.Any(x => x.Name == r)))
        {
            db.Roles.Add(new IdentityRole(name) { NormalizedName = name.ToUpperInvariant() });
        }

        await db.SaveChangesAsync();
        return await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync();
    }

    public InventoryCommands Inventory(IcpFilingDbContext db) => new(Runner(db), DomainTable.Regions(), NullLogger<InventoryCommands>.Instance);

    public InstanceLifecycle Lifecycle(IcpFilingDbContext db) => new(Runner(db), Time, NullLogger<InstanceLifecycle>.Instance);

    /// <summary>One inventory request, as the API serves it: its own DbContext.</summary>
    public async Task<Outcome<BatchResult>> InventoryAsync(params InventoryItem[] items)
    {
        await using var db = NewContext();
        return await Inventory(db).ApplyAsync(Actor.ApiClient(1, "corr-inventory"), items, CancellationToken.None);
    }

    /// <summary>Stores an instance of <paramref name="type"/> that meets every rule now, after <paramref name="change"/>.</summary>
    public async Task<Instance> SeedInstanceAsync(
        string ownerId, string instanceId, InstanceType type = InstanceType.Ecs, Action<Instance>? change = null)
    {
        var instance = QualifiedInstance.Build(ownerId, instanceId, UtcNow, type, change);
        await using var db = NewContext();
        db.Instances.Add(instance);
        await db.SaveChangesAsync();
        return instance;
    }

    /// <summary>One request, as the web app serves it: its own DbContext and issuer.</summary>
    public async Task<Outcome<IssuedNumber>> ApplyAsync(ApplyRequest request, params IInterceptor[] interceptors)
    {
        await using var db = NewContext(interceptors);
        return await Issuer(db).ApplyAsync(request, CancellationToken.None);
    }

    /// <summary>The change path on <paramref name="db"/>, with the test's clock.</summary>
    public ChangeRunner Runner(IcpFilingDbContext db) => new(db, Time, NullLogger<ChangeRunner>.Instance);

    public InstanceStandings Standings(IcpFilingDbContext db) => new(db, Catalog, DomainTable.Regions(), DomainTable.Calendar());

    public ServiceNumberIssuer Issuer(IcpFilingDbContext db, ChangeRunner? runner = null) =>
        new(runner ?? Runner(db), Standings(db), NullLogger<ServiceNumberIssuer>.Instance);

    public async Task<List<ServiceNumber>> NumbersAsync()
    {
        await using var db = NewContext();
        return await db.ServiceNumbers.AsNoTracking().OrderBy(n => n.QuotaKey).ThenBy(n => n.Slot).ToListAsync();
    }

    public async Task<int> AuditCountAsync()
    {
        await using var db = NewContext();
        return await db.AuditEntries.CountAsync();
    }

    public async ValueTask DisposeAsync() => await _cleanUp();
}
