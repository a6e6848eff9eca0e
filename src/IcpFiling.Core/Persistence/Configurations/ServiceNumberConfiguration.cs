using IcpFiling.Core.Accounts;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IcpFiling.Core.Persistence.Configurations;

internal sealed class ServiceNumberConfiguration : IEntityTypeConfiguration<ServiceNumber>
{
    public void Configure(EntityTypeBuilder<ServiceNumber> builder)
    {
        builder.ToTable("ServiceNumbers");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Number).HasMaxLength(ServiceNumber.NumberLength).IsFixedLength().IsUnicode(false).IsRequired();
        builder.Property(n => n.AccountId).HasMaxLength(InputLimits.AccountIdMaxLength).IsRequired();
        builder.Property(n => n.QuotaKey).HasMaxLength(ServiceNumber.QuotaKeyMaxLength).IsUnicode(false).IsRequired();
        builder.Property(n => n.IdempotencyKey).HasMaxLength(InputLimits.IdempotencyKeyMaxLength).IsUnicode(false).IsRequired();

        builder.Property(n => n.RestrictedToAccountId).HasMaxLength(InputLimits.AccountIdMaxLength);
        builder.Property(n => n.ResellerId).HasMaxLength(InputLimits.AccountIdMaxLength);
        builder.Property(n => n.RestrictionNote).HasMaxLength(InputLimits.GrantNoteMaxLength);
        builder.Property(n => n.VoidReason).HasMaxLength(InputLimits.ReasonMaxLength);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(n => n.RestrictedToAccountId).OnDelete(DeleteBehavior.Restrict);

        builder.HasOne(n => n.Instance).WithMany().HasForeignKey(n => n.InstanceRef).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.Restrict);

        // The rules the database holds, whatever the application code does.
        builder.HasIndex(n => n.Number).IsUnique();
        builder.HasIndex(n => new { n.QuotaKey, n.Slot }).IsUnique();
        builder.HasIndex(n => new { n.AccountId, n.IdempotencyKey }).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("CK_ServiceNumbers_Slot", "[Slot] >= 1"));

        // ICP No. Management: an account's numbers newest first (or by number), optionally of one type or status.
        builder.HasIndex(n => new { n.AccountId, n.IssuedAt, n.Id });
        builder.HasIndex(n => new { n.AccountId, n.Number, n.Id });
        builder.HasIndex(n => new { n.AccountId, n.InstanceType, n.IssuedAt });
        builder.HasIndex(n => new { n.AccountId, n.Status, n.IssuedAt });
        builder.HasIndex(n => new { n.InstanceRef, n.IssuedAt });
        // A reseller's Issued numbers across all its customers, newest first or by number (ResellerId mirrors the account's).
        builder.HasIndex(n => new { n.ResellerId, n.IssuedAt, n.Id });
        builder.HasIndex(n => new { n.ResellerId, n.Number, n.Id });
        // Granted to me: the numbers restricted to an account, latest grant first (also the restriction's foreign key index).
        builder.HasIndex(n => new { n.RestrictedToAccountId, n.RestrictedAt, n.Id });
        builder.HasIndex(n => new { n.RestrictedToAccountId, n.Number });
    }
}
