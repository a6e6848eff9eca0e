using IcpFiling.Core.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IcpFiling.Core.Persistence.Configurations;

internal sealed class RefusalConfiguration : IEntityTypeConfiguration<Refusal>
{
    public void Configure(EntityTypeBuilder<Refusal> builder)
    {
        builder.ToTable("Refusals");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Command).HasMaxLength(Refusal.CommandMaxLength).IsUnicode(false).IsRequired();
        builder.Property(r => r.ActorId).HasMaxLength(InputLimits.AccountIdMaxLength).IsRequired();
        builder.Property(r => r.SubjectId).HasMaxLength(Refusal.SubjectMaxLength);
        builder.Property(r => r.Reasons).HasMaxLength(Refusal.ReasonsMaxLength).IsUnicode(false).IsRequired();
        // The start page counts one command's refusals since a day or a week began.
        builder.HasIndex(r => new { r.Command, r.At });
    }
}
