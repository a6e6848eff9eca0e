using IcpFiling.Core.Accounts;
using IcpFiling.Core.Audit;
using IcpFiling.Core.Changes;
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
    private const string SqlServerProviderName = "Microsoft.EntityFrameworkCore.SqlServer";

    public DbSet<Instance> Instances => Set<Instance>();

    public DbSet<ServiceNumber> ServiceNumbers => Set<ServiceNumber>();

    public DbSet<Filing> Filings => Set<Filing>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    public DbSet<BatchRequest> BatchRequests => Set<BatchRequest>();

    public DbSet<Refusal> Refusals => Set<Refusal>();

    public DbSet<InstanceAddress> InstanceAddresses => Set<InstanceAddress>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        WriteInstanceAddressesAsync(synchronously: true, CancellationToken.None).GetAwaiter().GetResult();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await WriteInstanceAddressesAsync(synchronously: false, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Keeps <see cref="InstanceAddresses"/> equal to each added or changed instance's <see cref="Instance.PublicIps"/>, in the
    /// same SaveChanges (so the same transaction): the search by IP reads the rows, the eligibility rules read the list.
    /// </summary>
    private async Task WriteInstanceAddressesAsync(bool synchronously, CancellationToken cancellationToken)
    {
        ChangeTracker.DetectChanges();
        var changed = ChangeTracker.Entries<Instance>()
            .Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && e.Property(i => i.PublicIps).IsModified))
            .ToList();
        foreach (var entry in changed)
        {
            var instance = entry.Entity;
            var wanted = instance.PublicIps.Where(a => a.Length <= PublicAddresses.MaxLength).ToHashSet(StringComparer.Ordinal);
            List<InstanceAddress> stored = [];
            if (entry.State != EntityState.Added)
            {
                var query = InstanceAddresses.Where(a => a.InstanceRef == instance.Id);
                stored = synchronously ? [.. query] : await query.ToListAsync(cancellationToken);
            }

            InstanceAddresses.RemoveRange(stored.Where(a => !wanted.Contains(a.Address)));
            var kept = stored.Select(a => a.Address).ToHashSet(StringComparer.Ordinal);
            InstanceAddresses.AddRange(wanted.Where(a => !kept.Contains(a)).Select(a => new InstanceAddress { Instance = instance, Address = a }));
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(IcpFilingDbContext).Assembly);
        if (Database.ProviderName == PostgresDialect.ProviderName)
        {
            PostgresDialect.Adapt(builder);
        }
        else if (Database.ProviderName == SqlServerProviderName)
        {
            // SQL Server refuses OUTPUT on a table with triggers; declared, EF writes without it. SQLite's trigger is BEFORE, which RETURNING allows.
            builder.Entity<ServiceNumber>().ToTable(t => t.HasTrigger(NumberTransitions.UsedIsFinalTrigger));
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // All times are UTC; SQLite forgets DateTime.Kind, so stamp it back on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        // Enums are stored by name: readable in SQL and safe against reordering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    /// <summary>Public because the compiled models of the migrations projects construct it.</summary>
    public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
