using IcpFiling.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IcpFiling.Migrations.SqlServer;

public static class SqlServerDatabase
{
    /// <summary>
    /// Points the context at SQL Server, with this assembly's migrations. Transient faults (failover,
    /// deadlock victim) are retried; the issuer runs its transactions inside the execution strategy.
    /// </summary>
    public static DbContextOptionsBuilder UseIcpFilingSqlServer(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, sql => sql
            .MigrationsAssembly(typeof(SqlServerDatabase).Assembly.GetName().Name)
            .EnableRetryOnFailure(maxRetryCount: 5, maxRetryDelay: TimeSpan.FromSeconds(10), errorNumbersToAdd: null));
}

/// <summary>Lets <c>dotnet ef</c> build the model for SQL Server; no server is contacted to add a migration.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<IcpFilingDbContext>
{
    public IcpFilingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<IcpFilingDbContext>();
        options.UseIcpFilingSqlServer("Server=localhost;Database=IcpFiling;Trusted_Connection=True;TrustServerCertificate=True");
        return new IcpFilingDbContext(options.Options);
    }
}
