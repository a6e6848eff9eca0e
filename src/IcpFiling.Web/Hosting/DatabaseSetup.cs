using IcpFiling.Core.Changes;
using IcpFiling.Core.Persistence;
using IcpFiling.Migrations.Sqlite;
using IcpFiling.Migrations.SqlServer;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.Web.Hosting;

internal static class DatabaseSetup
{
    public static DatabaseOptions GetDatabaseOptions(this IConfiguration configuration) =>
        configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();

    /// <summary>Registers the one DbContext on SQLite (default, a file in the data folder) or SQL Server.</summary>
    public static IServiceCollection AddIcpFilingDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetDatabaseOptions();
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                var sqlServer = configuration.GetConnectionString("SqlServer");
                if (string.IsNullOrWhiteSpace(sqlServer))
                {
                    throw new InvalidOperationException(
                        "Database:Provider is SqlServer but ConnectionStrings:SqlServer is empty. Set it (e.g. ConnectionStrings__SqlServer).");
                }

                services.AddDbContext<IcpFilingDbContext>(db => db.UseIcpFilingSqlServer(sqlServer));
                services.AddSingleton(WriteGate.Open);
                break;
            default:
                var dataDirectory = options.ResolveDataDirectory(contentRoot);
                Directory.CreateDirectory(dataDirectory);
                var file = Path.Combine(dataDirectory, options.SqliteFileName);
                services.AddDbContext<IcpFilingDbContext>(db => db.UseIcpFilingSqlite($"Data Source={file}"));
                // SQLite admits one writer per file: changes queue for it here, without holding threads.
                services.AddSingleton(_ => WriteGate.OneWriterAtATime());
                break;
        }

        return services;
    }

    /// <summary>Brings the schema up to date before the app takes requests.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IcpFilingDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await SqliteDatabase.EnableWriteAheadLogAsync(db, cancellationToken);
        }
    }
}
