using IcpFiling.Core.Accounts;
using IcpFiling.Core.ServiceNumbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IcpFiling.Core.Persistence.Configurations;

internal sealed class BatchRequestConfiguration : IEntityTypeConfiguration<BatchRequest>
{
    public void Configure(EntityTypeBuilder<BatchRequest> builder)
    {
        builder.ToTable("BatchRequests");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.AccountId).HasMaxLength(InputLimits.AccountIdMaxLength).IsRequired();
        builder.Property(b => b.BatchKey).HasMaxLength(InputLimits.IdempotencyKeyMaxLength).IsUnicode(false).IsRequired();
        builder.Property(b => b.BodyHash).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(b => b.AccountId).OnDelete(DeleteBehavior.Cascade);
        // Two requests with one key race here: the second insert loses and reads the first one's record.
        builder.HasIndex(b => new { b.AccountId, b.BatchKey }).IsUnique();
    }
}
