using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IcpFiling.Migrations.Sqlite;

public static class SqliteDatabase
{
    /// <summary>How long a statement waits for another connection's write lock before it fails.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Points the context at a SQLite file, with this assembly's migrations and SQLite's busy timeout.</summary>
    public static DbContextOptionsBuilder UseIcpFilingSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite
            .MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name)
            .CommandTimeout((int)BusyTimeout.TotalSeconds))
            .AddInterceptors(new SqliteBusyTimeout(BusyTimeout));

    /// <summary>
    /// Write-ahead logging lets pages read while a number is issued. The setting is stored in the
    /// database file, so running it once after migrating is enough.
    /// </summary>
    public static Task EnableWriteAheadLogAsync(DbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
}

/// <summary>Lets <c>dotnet ef</c> build the model for SQLite without starting the web app.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<IcpFilingDbContext>
{
    public IcpFilingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<IcpFilingDbContext>();
        options.UseIcpFilingSqlite("Data Source=design-time.db");
        return new IcpFilingDbContext(options.Options);
    }
}
