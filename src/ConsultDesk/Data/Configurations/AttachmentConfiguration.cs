using ConsultDesk.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsultDesk.Data.Configurations;

public sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.ToTable("Attachments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FileName).HasMaxLength(255).IsRequired();
        builder.Property(a => a.ContentType).HasMaxLength(128).IsRequired();
        builder.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
        builder.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TimelineEntry>().WithMany().HasForeignKey(a => a.TimelineEntryId).OnDelete(DeleteBehavior.Restrict);
        // The case page and the portal list a case's files; a download looks one up by id within its case.
        builder.HasIndex(a => new { a.CaseId, a.TimelineEntryId });
        builder.HasIndex(a => a.TimelineEntryId);
        // The scan retry job finds the files still waiting; a store clean-up finds every row of one content.
        builder.HasIndex(a => a.ScanStatus);
        builder.HasIndex(a => a.Sha256);
    }
}
