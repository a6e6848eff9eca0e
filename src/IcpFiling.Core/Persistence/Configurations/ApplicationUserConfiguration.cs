using IcpFiling.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IcpFiling.Core.Persistence.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(ApplicationUser.DisplayNameMaxLength);
        builder.Property(u => u.ResellerId).HasMaxLength(InputLimits.AccountIdMaxLength);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(u => u.ResellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.ResellerId);
        builder.Property(u => u.Language).HasMaxLength(AccountLanguages.MaxLength).IsUnicode(false);
    }
}
