using IcpFiling.Core.Accounts;
using IcpFiling.Core.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IcpFiling.Core.Persistence.Configurations;

internal sealed class InstanceConfiguration : IEntityTypeConfiguration<Instance>
{
    public void Configure(EntityTypeBuilder<Instance> builder)
    {
        builder.ToTable("Instances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.InstanceId).HasMaxLength(Instance.InstanceIdMaxLength).IsRequired();
        builder.HasIndex(i => i.InstanceId).IsUnique();
        builder.Property(i => i.Name).HasMaxLength(Instance.NameMaxLength).IsRequired();
        builder.Property(i => i.OwnerId).HasMaxLength(InputLimits.AccountIdMaxLength).IsRequired();
        builder.Property(i => i.Region).HasMaxLength(Instance.RegionMaxLength).IsRequired();
        // A JSON array of canonical addresses (a primitive collection): read whole with the instance, searched rarely.
        builder.PrimitiveCollection(i => i.PublicIps).IsRequired();
        builder.Property(i => i.HoldReason).HasMaxLength(InputLimits.ReasonMaxLength);
        builder.Property(i => i.OrderAmount).HasPrecision(18, 2);

        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(i => i.OwnerId).OnDelete(DeleteBehavior.Restrict);

        // ICP No. Application lists an owner's instances by id (the default), name or expiry, optionally of one type.
        builder.HasIndex(i => new { i.OwnerId, i.InstanceId, i.Id });
        builder.HasIndex(i => new { i.OwnerId, i.Name, i.Id });
        builder.HasIndex(i => new { i.OwnerId, i.ExpiresAt, i.Id });
        builder.HasIndex(i => new { i.OwnerId, i.Type, i.Name });
        // Support's instance list across all owners by name (by id it reads the unique index above).
        builder.HasIndex(i => new { i.Name, i.Id });
        // The lifecycle sweep finds instances whose expiry has passed while they are still marked live.
        builder.HasIndex(i => new { i.ExpiresAt, i.Status });
    }
}
