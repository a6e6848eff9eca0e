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
        // The sortable lists of accounts (issue 15): a reseller's customers by e-mail or name, and the
        // administrators' list by e-mail, name or last sign-in; each ends in the key, as the lists order.
        builder.HasIndex(u => new { u.ResellerId, u.Email, u.Id });
        builder.HasIndex(u => new { u.ResellerId, u.DisplayName, u.Id });
        builder.HasIndex(u => new { u.NormalizedEmail, u.Id });
        builder.HasIndex(u => new { u.DisplayName, u.Id });
        builder.HasIndex(u => new { u.LastSignInAt, u.Id });
        builder.Property(u => u.Language).HasMaxLength(AccountLanguages.MaxLength).IsUnicode(false);
    }
}
