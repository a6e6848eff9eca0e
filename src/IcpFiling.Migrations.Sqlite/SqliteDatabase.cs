using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IcpFiling.Migrations.Sqlite;

public static class SqliteDatabase
{
    /// <summary>Points the context at a SQLite file, with this assembly's migrations.</summary>
    public static DbContextOptionsBuilder UseIcpFilingSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite
            .MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name)
            .CommandTimeout(30));

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
