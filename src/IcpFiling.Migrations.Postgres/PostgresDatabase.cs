using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IcpFiling.Migrations.Postgres;

public static class PostgresDatabase
{
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
