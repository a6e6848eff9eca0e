using IcpFiling.Core.Accounts;
using IcpFiling.Core.Filings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IcpFiling.Core.Persistence.Configurations;

internal sealed class FilingConfiguration : IEntityTypeConfiguration<Filing>
{
    public void Configure(EntityTypeBuilder<Filing> builder)
    {
        builder.ToTable("Filings");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Domain).HasMaxLength(DomainName.MaxLength).IsRequired();
        builder.Property(f => f.DomainAscii).HasMaxLength(DomainName.MaxLength).IsUnicode(false).IsRequired();
        builder.Property(f => f.SubjectName).HasMaxLength(InputLimits.SubjectNameMaxLength).IsRequired();
        builder.Property(f => f.AccountId).HasMaxLength(InputLimits.AccountIdMaxLength).IsRequired();

        builder.HasOne(f => f.ServiceNumber).WithMany().HasForeignKey(f => f.ServiceNumberRef).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Restrict);

        // A number is used by one filing, ever.
        builder.HasIndex(f => f.ServiceNumberRef).IsUnique();
        // A domain has at most one submitted filing at a time (a partial/filtered index on both providers).
        builder.HasIndex(f => f.DomainAscii).IsUnique().HasFilter("[Status] = 'Submitted'").HasDatabaseName("IX_Filings_DomainAscii_Submitted");
        // ICP No. Management's search by website: the numbers used for domains starting with the text (an ordinal range).
        builder.HasIndex(f => new { f.DomainAscii, f.ServiceNumberRef });
        // The filing list: an account's filings, newest first.
        builder.HasIndex(f => new { f.AccountId, f.SubmittedAt, f.Id });
        // The same list by domain (issue 15: every sortable column has its index).
        builder.HasIndex(f => new { f.AccountId, f.Domain, f.Id });
    }
}
