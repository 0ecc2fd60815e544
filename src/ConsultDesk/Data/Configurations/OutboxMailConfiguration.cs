using ConsultDesk.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsultDesk.Data.Configurations;

public sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> builder)
    {
        builder.ToTable("OutboxMails");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Kind).HasMaxLength(64).IsRequired();
        builder.Property(o => o.MessageId).HasMaxLength(255).IsRequired();
        builder.HasIndex(o => o.MessageId).IsUnique();
        builder.Property(o => o.ToAddress).HasMaxLength(254).IsRequired();
        builder.Property(o => o.ToName).HasMaxLength(200);
        builder.Property(o => o.Subject).HasMaxLength(1000).IsRequired();
        builder.Property(o => o.TextBody).IsRequired();
        builder.Property(o => o.InReplyTo).HasMaxLength(255);
        builder.Property(o => o.LastError).HasMaxLength(500);
        builder.Property(o => o.ListUnsubscribe).HasMaxLength(1000);
        builder.Property(o => o.ProtectedSecret).HasMaxLength(1000);
        builder.HasIndex(o => new { o.CaseId, o.Kind });
        // The dispatcher's claim query: pending rows in due order. CreatedAt rides along so the metrics' count of
        // pending mail and the age of the oldest one are read from this index alone (OperationsSnapshot).
        builder.HasIndex(o => new { o.Status, o.NextAttemptAt, o.CreatedAt });
        builder.HasOne<Case>().WithMany().HasForeignKey(o => o.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Attachments).WithOne().HasForeignKey(a => a.OutboxMailId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class OutboxAttachmentConfiguration : IEntityTypeConfiguration<OutboxAttachment>
{
    public void Configure(EntityTypeBuilder<OutboxAttachment> builder)
    {
        builder.ToTable("OutboxAttachments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FileName).HasMaxLength(255).IsRequired();
        builder.Property(a => a.ContentType).HasMaxLength(255).IsRequired();
        builder.Property(a => a.Content).IsRequired();
        builder.HasOne<Attachment>().WithMany().HasForeignKey(a => a.AttachmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.AttachmentId);
        // The dispatcher loads a batch's attachments by mail, in order.
        builder.HasIndex(a => new { a.OutboxMailId, a.Position }).IsUnique();
    }
}
