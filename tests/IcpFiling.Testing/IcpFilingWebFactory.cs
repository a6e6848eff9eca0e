using IcpFiling.Core.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;

namespace IcpFiling.Testing;

/// <summary>
/// The real app (real pipeline, real Identity, real database) on a database of its own: a SQLite file in a
/// fresh folder, or a fresh SQL Server database when ICPFILING_TEST_SQLSERVER holds a connection string.
/// Seeded with the development demo data, as a newcomer's first run is.
/// </summary>
public sealed class IcpFilingWebFactory : WebApplicationFactory<Program>
{
    public const string SqlServerVariable = "ICPFILING_TEST_SQLSERVER";

    private readonly string? _sqlServer = BuildSqlServerConnectionString();

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "icpfiling-tests", Guid.NewGuid().ToString("N"));

    public bool UsesSqlServer => _sqlServer is not null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        builder.UseSetting("Demo:SeedData", "true");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        if (_sqlServer is not null)
        {
            builder.UseSetting("Database:Provider", "SqlServer");
            builder.UseSetting("ConnectionStrings:SqlServer", _sqlServer);
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
