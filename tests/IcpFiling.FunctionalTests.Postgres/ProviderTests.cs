using IcpFiling.Testing;

namespace IcpFiling.FunctionalTests;

/// <summary>The linked tests prove something about PostgreSQL only if their factories really run on it.</summary>
public sealed class ProviderTests
{
    [Fact]
    public async Task EveryFactoryOfThisAssembly_RunsOnPostgres()
    {
        await using var factory = new IcpFilingWebFactory();

        var provider = await factory.WithDbAsync(db => Task.FromResult(db.Database.ProviderName));

        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", provider);
    }
}
