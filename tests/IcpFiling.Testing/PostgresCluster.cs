using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IcpFiling.Core.Persistence;
using IcpFiling.Migrations.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IcpFiling.Testing;

/// <summary>
/// A throw-away PostgreSQL cluster for one test run: started on first use from the installed server binaries
/// (Debian's postgresql package), on loopback, on a free port, in a data folder of its own, and stopped and
/// removed when the test process exits. Every test gets a database of its own, copied from a migrated template
/// (a file copy on the server, far quicker than migrating again). Without the binaries the tests skip with
/// the reason; with CI=true they fail instead, because CI installs the package.
/// </summary>
public sealed class PostgresCluster
{
    /// <summary>Where Debian puts the server binaries; ICPFILING_TEST_POSTGRES_BIN points elsewhere.</summary>
    public static readonly string BinDirectory =
        Environment.GetEnvironmentVariable("ICPFILING_TEST_POSTGRES_BIN") is { Length: > 0 } configured ? configured : "/usr/lib/postgresql/15/bin";

    private const string Template = "icpfiling_template";
    private const string OsUser = "postgres";

    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartAsync);

    private readonly string _root;
    private readonly int _port;
    private readonly Lazy<Task> _template;

    private PostgresCluster(string root, int port)
    {
        _root = root;
        _port = port;
        _template = new Lazy<Task>(CreateTemplateAsync);
    }

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>Null when the binaries are here; otherwise why the PostgreSQL tests skip. Throws on CI, where they must run.</summary>
    public static string? UnavailableReason
    {
        get
        {
            if (File.Exists(Path.Combine(BinDirectory, "initdb")))
            {
                return null;
            }

            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"{BinDirectory}/initdb is missing. CI must install Debian's postgresql package (.ci/run does); the PostgreSQL tests never skip there.");
            }

            return $"PostgreSQL server binaries not found in {BinDirectory} (apt-get install postgresql): PostgreSQL tests skipped. They fail instead when CI=true.";
        }
    }

    /// <summary>The run's cluster, started on first call.</summary>
    public static Task<PostgresCluster> GetAsync() => Shared.Value;

    public string ConnectionString(string database, bool pooling = true) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _port,
        Username = OsUser,
        Database = database,
        Pooling = pooling,
        // Two nodes, their pools and 50 racers fit in the cluster's 300 connections.
        MaxPoolSize = 60,
    }.ConnectionString;

    /// <summary>A new database with every migration applied (copied from the template); its connection string.</summary>
    public async Task<string> CreateMigratedDatabaseAsync()
    {
        await _template.Value;
        return await CreateDatabaseAsync($"TEMPLATE {Template}");
    }

    /// <summary>A new, empty database (no schema at all); its connection string.</summary>
    public Task<string> CreateEmptyDatabaseAsync() => CreateDatabaseAsync("TEMPLATE template0");

    /// <summary>Drops the database, closing whatever connections still use it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private async Task<string> CreateDatabaseAsync(string template)
    {
        var name = "icpfiling_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\" {template}");
        return ConnectionString(name);
    }

    private async Task CreateTemplateAsync()
    {
        await ExecuteAsync($"CREATE DATABASE {Template}");
        // No pooling: a database is only copied while nobody is connected to it.
        var options = new DbContextOptionsBuilder<IcpFilingDbContext>().UseIcpFilingPostgres(ConnectionString(Template, pooling: false));
        await using var db = new IcpFilingDbContext((DbContextOptions<IcpFilingDbContext>)options.Options);
        await db.Database.MigrateAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        if (UnavailableReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var root = Path.Combine(Path.GetTempPath(), "icpfiling-postgres", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        // initdb refuses to run as root: the server runs as the postgres user, in a folder it owns.
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", [OsUser, root], asServerUser: false);
        }

        var initialized = false;
        for (var attempt = 1; ; attempt++)
        {
            var cluster = new PostgresCluster(root, FreePort());
            try
            {
                if (!initialized)
                {
                    await RunAsync(Path.Combine(BinDirectory, "initdb"),
                        ["-D", cluster.DataDirectory, "-U", OsUser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
                    initialized = true;
                }

                // Loopback only, the socket in our own folder, and no durability a throw-away cluster does not need.
                var settings = string.Join(' ',
                    $"-p {cluster._port}", "-c listen_addresses=127.0.0.1", $"-c unix_socket_directories={root}",
                    "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=300",
                    "-c shared_buffers=64MB");
                await RunAsync(Path.Combine(BinDirectory, "pg_ctl"),
                    ["-D", cluster.DataDirectory, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o", settings, "start"]);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
                cluster.StopWhenThisProcessEnds();
                return cluster;
            }
            catch (InvalidOperationException) when (attempt < 3 && initialized)
            {
                // Another process took the port between our check and the server's bind: try another.
            }
        }
    }

    /// <summary>
    /// The test host may be ended without running exit handlers (the runner kills it, or a developer does), so a
    /// detached watchdog stops the cluster and removes its folder once this process is gone.
    /// </summary>
    private void StopWhenThisProcessEnds()
    {
        var stop = Environment.UserName == "root"
            ? $"runuser -u {OsUser} -- '{BinDirectory}/pg_ctl' -D '{DataDirectory}' -m immediate stop"
            : $"'{BinDirectory}/pg_ctl' -D '{DataDirectory}' -m immediate stop";
        var script = $"exec >/dev/null 2>&1 </dev/null; while kill -0 {Environment.ProcessId}; do sleep 1; done; {stop}; rm -rf '{_root}'";
        var start = new ProcessStartInfo { FileName = "setsid", UseShellExecute = false };
        foreach (var argument in (string[])["sh", "-c", script])
        {
            start.ArgumentList.Add(argument);
        }

        Process.Start(start)?.Dispose();
    }

    private void Stop()
    {
        try
        {
            RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
        }
        finally
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // The temp folder is cleaned by the OS later.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asServerUser = true)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServerUser && Environment.UserName == "root")
        {
            start.FileName = "runuser";
            foreach (var argument in (string[])["-u", OsUser, "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}
