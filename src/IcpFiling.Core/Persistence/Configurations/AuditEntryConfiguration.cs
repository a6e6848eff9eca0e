using IcpFiling.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IcpFiling.Core.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ActorId).HasMaxLength(InputLimits.AccountIdMaxLength).IsRequired();
        builder.Property(a => a.ActorRole).HasMaxLength(AuditEntry.ActorRoleMaxLength).IsUnicode(false);
        builder.Property(a => a.Action).HasMaxLength(AuditEntry.ActionMaxLength).IsUnicode(false).IsRequired();
        builder.Property(a => a.SubjectType).HasMaxLength(AuditEntry.SubjectTypeMaxLength).IsUnicode(false).IsRequired();
        builder.Property(a => a.SubjectId).HasMaxLength(AuditEntry.SubjectIdMaxLength).IsRequired();
        builder.Property(a => a.Reason).HasMaxLength(InputLimits.ReasonMaxLength);
        builder.Property(a => a.Detail).HasMaxLength(AuditEntry.DetailMaxLength);
        builder.Property(a => a.CorrelationId).HasMaxLength(AuditEntry.CorrelationIdMaxLength);
        builder.Property(a => a.Channel).IsUnicode(false);

        // Histories are read per subject or per actor, newest first.
        builder.HasIndex(a => new { a.SubjectType, a.SubjectId, a.At });
        builder.HasIndex(a => new { a.ActorId, a.At });
    }
}
