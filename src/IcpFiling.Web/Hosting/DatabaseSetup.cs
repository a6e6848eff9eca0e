using IcpFiling.Core.Changes;
using IcpFiling.Core.Persistence;
using IcpFiling.Migrations.Postgres;
using IcpFiling.Migrations.Sqlite;
using IcpFiling.Migrations.SqlServer;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Web.Hosting;

internal static class DatabaseSetup
{
    public static DatabaseOptions GetDatabaseOptions(this IConfiguration configuration) =>
        configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();

    /// <summary>
    /// Registers the one DbContext on SQLite (default, a file in the data folder), SQL Server or PostgreSQL. Contexts are
    /// pooled: options are built once and a request leases a reset context, instead of building options and the
    /// context's internal services on every request (a fifth of a list page's allocations, about 5 % of an Apply's CPU;
    /// measured in issue 12, git show ba44234:docs/performance.md). The context holds no state of its own, which pooling requires.
    /// </summary>
    public static IServiceCollection AddIcpFilingDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetDatabaseOptions();
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                var sqlServer = RequiredConnectionString(configuration, "SqlServer");
                services.AddDbContextPool<IcpFilingDbContext>(db => db.UseIcpFilingSqlServer(sqlServer));
                services.AddSingleton(WriteGate.Open);
                break;
            case DatabaseProvider.Postgres:
                var postgres = RequiredConnectionString(configuration, "Postgres");
                services.AddDbContextPool<IcpFilingDbContext>(db => db.UseIcpFilingPostgres(postgres));
                break;
            default:
                var dataDirectory = options.ResolveDataDirectory(contentRoot);
                Directory.CreateDirectory(dataDirectory);
                var file = Path.Combine(dataDirectory, options.SqliteFileName);
                services.AddDbContextPool<IcpFilingDbContext>(db => db.UseIcpFilingSqlite($"Data Source={file}").UseCompiledSqliteModel());
                // SQLite admits one writer per file: changes queue for it here, without holding threads.
                services.AddSingleton(_ => WriteGate.OneWriterAtATime());
                break;
        }

        return services;
    }

    private static string RequiredConnectionString(IConfiguration configuration, string name)
    {
        var connectionString = configuration.GetConnectionString(name);
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"Database:Provider is {name} but ConnectionStrings:{name} is empty. Set it (e.g. ConnectionStrings__{name}).")
            : connectionString;
    }

    /// <summary>Brings the schema up to date before the app takes requests.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IcpFilingDbContext>();
        // Migrating builds the whole model from its configuration to compare it with the migrations, most of a second at
        // every start; a database that is already up to date (every start but the first after an upgrade) skips it, and
        // is recognised by one read of the history table rather than EF's pending check (StartupReads says why).
        if (!await StartupReads.IsFullyMigratedAsync(db, cancellationToken)
            && (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            // A database made by the old migrations takes the baseline first, so MigrateAsync does not try to create it.
            await (db.Database.ProviderName == PostgresDatabase.ProviderName
                ? PostgresDatabase.MigrateExclusivelyAsync(db, BaselineAdoption.AdoptOldHistoryAsync, cancellationToken)
                : AdoptThenMigrateAsync(db, cancellationToken));
        }

        if (db.Database.IsSqlite())
        {
            await SqliteDatabase.EnableWriteAheadLogAsync(db, cancellationToken);
        }
    }

    private static async Task AdoptThenMigrateAsync(IcpFilingDbContext db, CancellationToken cancellationToken)
    {
        await BaselineAdoption.AdoptOldHistoryAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
