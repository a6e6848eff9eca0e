using IcpFiling.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IcpFiling.Core.Persistence.Configurations;

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> builder)
    {
        builder.ToTable("PersonalAccessTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.AccountId).HasMaxLength(InputLimits.AccountIdMaxLength).IsRequired();
        builder.Property(t => t.Name).HasMaxLength(PersonalAccessToken.NameMaxLength).IsRequired();
        builder.Property(t => t.Scopes).HasMaxLength(200).IsUnicode(false).IsRequired();
        builder.Property(t => t.KeyId).HasMaxLength(SecretKeys.KeyIdLength).IsUnicode(false).IsRequired();
        builder.Property(t => t.SecretHash).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Ignore(t => t.ScopeList);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
        // Every API call finds its token by the public id; the account page lists an account's tokens.
        builder.HasIndex(t => t.KeyId).IsUnique();
        builder.HasIndex(t => new { t.AccountId, t.CreatedAt });
    }
}
