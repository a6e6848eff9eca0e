using IcpFiling.Core.Persistence;
using IcpFiling.Migrations.Postgres;
using IcpFiling.Migrations.Sqlite;
using IcpFiling.Migrations.SqlServer;
using IcpFiling.Testing;
using Microsoft.EntityFrameworkCore;

namespace IcpFiling.FunctionalTests;

/// <summary>
/// The model the running app builds (with its Identity options, which shape the Identity tables) matches every
/// provider's migrations; otherwise the app refuses to migrate at start-up. The integration tests check the
/// design-time model; only the app's services show what the app itself builds. No server is contacted.
/// </summary>
public sealed class ProviderModelTests(IcpFilingWebFactory factory) : IClassFixture<IcpFilingWebFactory>
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("SqlServer")]
    [InlineData("Postgres")]
    public void AppModel_WithTheAppsIdentityOptions_HasNoChangesMissingFromTheProvidersMigrations(string provider)
    {
        var options = new DbContextOptionsBuilder<IcpFilingDbContext>().UseApplicationServiceProvider(factory.Services);
        _ = provider switch
        {
            "Sqlite" => options.UseIcpFilingSqlite("Data Source=never-opened.db"),
            "SqlServer" => options.UseIcpFilingSqlServer("Server=unused;Database=unused;TrustServerCertificate=True"),
            _ => options.UseIcpFilingPostgres("Host=unused;Database=unused"),
        };
        using var db = new IcpFilingDbContext(options.Options);

        Assert.False(db.Database.HasPendingModelChanges(), $"The app's model differs from the {provider} migrations.");
    }
}
