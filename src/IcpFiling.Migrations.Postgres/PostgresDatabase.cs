using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IcpFiling.Migrations.Postgres;

public static class PostgresDatabase
{
    /// <summary>The EF Core provider's name, as <c>Database.ProviderName</c> reports it.</summary>
    public const string ProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>
    /// Points the context at PostgreSQL, with this assembly's migrations. Transient faults (a dropped
    /// connection, a deadlock or serialization victim) are retried; the change path runs its transactions
    /// inside the execution strategy.
    /// </summary>
    public static DbContextOptionsBuilder UseIcpFilingPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, postgres => postgres
            .MigrationsAssembly(typeof(PostgresDatabase).Assembly.GetName().Name)
            .CommandTimeout(30)
            .EnableRetryOnFailure(maxRetryCount: 5, maxRetryDelay: TimeSpan.FromSeconds(10), errorCodesToAdd: null));

    /// <summary>Any fixed number: the key of the advisory lock the nodes migrate under.</summary>
    private const long MigrationLockKey = 4_726_011_926;

    /// <summary>
    /// Migrates with one node at a time. EF Core's migration lock on PostgreSQL ends with each migration's
    /// transaction, so two nodes starting together on an empty database could both try the second migration
    /// ("column already exists"). A session advisory lock around the whole run lets one node migrate; the
    /// others wait for it, then find nothing left to do. <paramref name="beforeMigrating"/> runs under the same lock
    /// (adopting an old history: two nodes must not both record the baseline).
    /// </summary>
    public static async Task MigrateExclusivelyAsync(DbContext db, Func<DbContext, CancellationToken, Task> beforeMigrating, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(beforeMigrating);
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            try
            {
                await beforeMigrating(db, cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>Lets <c>dotnet ef</c> build the model for PostgreSQL; no server is contacted to add a migration.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<IcpFilingDbContext>
{
    public IcpFilingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<IcpFilingDbContext>();
        options.UseIcpFilingPostgres("Host=localhost;Database=icpfiling;Username=icpfiling");
        return new IcpFilingDbContext(options.Options);
    }
}
