using IcpFiling.Core.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Xunit;

namespace IcpFiling.Testing;

/// <summary>
/// The real app (real pipeline, real Identity, real database) on a database of its own: a SQLite file in a
/// fresh folder, a fresh database on the run's PostgreSQL cluster (<see cref="UsePostgres"/>, or every factory
/// when ICPFILING_TEST_POSTGRES=1), or a fresh SQL Server database when ICPFILING_TEST_SQLSERVER holds a
/// connection string. Seeded with the development demo data, as a newcomer's first run is.
/// </summary>
public sealed class IcpFilingWebFactory : WebApplicationFactory<Program>
{
    public const string SqlServerVariable = "ICPFILING_TEST_SQLSERVER";
    public const string PostgresVariable = "ICPFILING_TEST_POSTGRES";

    private readonly string? _sqlServer = BuildSqlServerConnectionString();

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "icpfiling-tests", Guid.NewGuid().ToString("N"));

    private string? _postgres;

    public bool UsesSqlServer => _sqlServer is not null;

    /// <summary>Run on a database of its own on the run's PostgreSQL cluster; tests skip (fail on CI) without the server binaries.</summary>
    public bool UsePostgres { get; init; } = Environment.GetEnvironmentVariable(PostgresVariable) == "1";

    /// <summary>The host environment; Production shows what visitors of a deployed console get.</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Settings on top of the test defaults, e.g. low rate limits for a test that proves 429.</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    /// <summary>Services a test adds or replaces (e.g. a start-up filter that sets the client address).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>Every log event the app writes at Warning or above (the test host's minimum level).</summary>
    public LogCapture Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        builder.UseSetting("Demo:SeedData", "true");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // The suites sign in and post hundreds of times from one (test) address: limits far above that, so
        // no test meets a 429 it did not ask for. Tests of the limits set their own.
        builder.UseSetting("Security:SignInRateLimit:PermitLimit", "100000");
        builder.UseSetting("Security:CommandRateLimit:PermitLimit", "100000");
        if (_sqlServer is not null)
        {
            builder.UseSetting("Database:Provider", "SqlServer");
            builder.UseSetting("ConnectionStrings:SqlServer", _sqlServer);
        }
        else if (UsePostgres)
        {
            Skip.If(PostgresCluster.UnavailableReason is not null, PostgresCluster.UnavailableReason);
            // The host is built synchronously; the cluster's start-up and the copy of the template run off the test's context.
            _postgres = Task.Run(async () => await (await PostgresCluster.GetAsync()).CreateMigratedDatabaseAsync()).GetAwaiter().GetResult();
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Postgres", _postgres);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Log));
        if (TestServices is not null)
        {
            builder.ConfigureServices(TestServices);
        }
    }

    /// <summary>A scope on the app's services, for arranging and checking database state.</summary>
    public async Task<T> WithDbAsync<T>(Func<IcpFilingDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IcpFilingDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        // Not Server: it throws when the app runs on Kestrel (browser tests).
        if (_sqlServer is not null)
        {
            await WithDbAsync(async db => await db.Database.EnsureDeletedAsync());
        }

        await base.DisposeAsync();
        if (_postgres is not null)
        {
            await (await PostgresCluster.GetAsync()).DropDatabaseAsync(_postgres);
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be open on a slow shutdown; the temp folder is cleaned by the OS later.
        }
    }

    private static string? BuildSqlServerConnectionString()
    {
        var configured = Environment.GetEnvironmentVariable(SqlServerVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        return new SqlConnectionStringBuilder(configured) { InitialCatalog = $"IcpFilingTest_{Guid.NewGuid():N}" }.ConnectionString;
    }
}
