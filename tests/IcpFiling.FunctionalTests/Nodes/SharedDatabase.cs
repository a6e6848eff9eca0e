using IcpFiling.Core.Persistence;
using IcpFiling.Migrations.Postgres;
using IcpFiling.Migrations.Sqlite;
using IcpFiling.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests.Nodes;

/// <summary>The one database several nodes share, and a context on it for the test to arrange and check with.</summary>
public abstract class SharedDatabase : IAsyncDisposable
{
    public abstract string Description { get; }

    /// <summary>The settings a node needs to use this database; <paramref name="nodeFolder"/> is the node's own data folder (its logs).</summary>
    public abstract Dictionary<string, string> NodeSettings(string nodeFolder);

    public abstract IcpFilingDbContext NewContext();

    public abstract ValueTask DisposeAsync();
}

/// <summary>A database of its own on the run's PostgreSQL cluster.</summary>
public sealed class PostgresSharedDatabase(PostgresCluster cluster, string connectionString) : SharedDatabase
{
    public static async Task<SharedDatabase> CreateEmptyAsync()
    {
        var cluster = await PostgresCluster.GetAsync();
        return new PostgresSharedDatabase(cluster, await cluster.CreateEmptyDatabaseAsync());
    }

    public override string Description => "one PostgreSQL database";

    public override Dictionary<string, string> NodeSettings(string nodeFolder) => new()
    {
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__Postgres"] = connectionString,
        ["Database__DataDirectory"] = nodeFolder,
    };

    public override IcpFilingDbContext NewContext() =>
        new((DbContextOptions<IcpFilingDbContext>)new DbContextOptionsBuilder<IcpFilingDbContext>().UseIcpFilingPostgres(connectionString).Options);

    public override async ValueTask DisposeAsync() => await cluster.DropDatabaseAsync(connectionString);
}

/// <summary>One SQLite file that both nodes open (write-ahead logging lets several processes on one machine share it).</summary>
public sealed class SqliteSharedDatabase : SharedDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "icpfiling-nodes", Guid.NewGuid().ToString("N"));

    public SqliteSharedDatabase() => Directory.CreateDirectory(_folder);

    public static Task<SharedDatabase> CreateEmptyAsync() => Task.FromResult<SharedDatabase>(new SqliteSharedDatabase());

    private string File => Path.Combine(_folder, "shared.db");

    public override string Description => "one SQLite file";

    public override Dictionary<string, string> NodeSettings(string nodeFolder) => new()
    {
        ["Database__Provider"] = "Sqlite",
        ["Database__DataDirectory"] = nodeFolder,
        // An absolute file name: both nodes open the same file, each keeps its logs in its own folder.
        ["Database__SqliteFileName"] = File,
    };

    public override IcpFilingDbContext NewContext() =>
        new((DbContextOptions<IcpFilingDbContext>)new DbContextOptionsBuilder<IcpFilingDbContext>().UseIcpFilingSqlite($"Data Source={File}").Options);

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned by the OS later.
        }

        return ValueTask.CompletedTask;
    }
}
