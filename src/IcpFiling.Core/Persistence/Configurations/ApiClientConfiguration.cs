using IcpFiling.Core.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IcpFiling.Core.Persistence.Configurations;

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.ToTable("ApiClients");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(ApiClient.NameMaxLength).IsRequired();
        builder.Property(c => c.Scopes).HasMaxLength(200).IsUnicode(false).IsRequired();
        builder.Property(c => c.KeyId).HasMaxLength(ApiClient.KeyIdLength).IsUnicode(false).IsRequired();
        builder.Property(c => c.SecretHash).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(c => c.PreviousSecretHash).HasMaxLength(64).IsUnicode(false);
        builder.Property(c => c.CreatedBy).HasMaxLength(InputLimits.AccountIdMaxLength).IsRequired();
        builder.Ignore(c => c.ScopeList);
        // Every API call finds its client by the key's public id.
        builder.HasIndex(c => c.KeyId).IsUnique();
    }
}
