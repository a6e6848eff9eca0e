using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Filings;
using IcpFiling.Core.Instances;
using IcpFiling.Core.Inventory;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IcpFiling.Core.Persistence;

/// <summary>One context for Identity and the domain, so a change and its audit row share a transaction.</summary>
public sealed class IcpFilingDbContext(DbContextOptions<IcpFilingDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Instance> Instances => Set<Instance>();

    public DbSet<ServiceNumber> ServiceNumbers => Set<ServiceNumber>();

    public DbSet<Filing> Filings => Set<Filing>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    public DbSet<BatchRequest> BatchRequests => Set<BatchRequest>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(IcpFilingDbContext).Assembly);
        if (Database.ProviderName == PostgresDialect.ProviderName)
        {
            PostgresDialect.Adapt(builder);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // All times are UTC; SQLite forgets DateTime.Kind, so stamp it back on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        // Enums are stored by name: readable in SQL and safe against reordering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
