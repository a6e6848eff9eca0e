using IcpFiling.Core.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IcpFiling.Core.Persistence.Configurations;

internal sealed class InstanceAddressConfiguration : IEntityTypeConfiguration<InstanceAddress>
{
    public void Configure(EntityTypeBuilder<InstanceAddress> builder)
    {
        builder.ToTable("InstanceAddresses");
        builder.HasKey(a => new { a.InstanceRef, a.Address });
        builder.Property(a => a.Address).HasMaxLength(PublicAddresses.MaxLength).IsUnicode(false).IsRequired();
        builder.HasOne(a => a.Instance).WithMany().HasForeignKey(a => a.InstanceRef).OnDelete(DeleteBehavior.Cascade);

        // Search by IP address (exact, or an IPv4 prefix as an ordinal range): the instances that list it.
        builder.HasIndex(a => new { a.Address, a.InstanceRef });
    }
}
