using ConsultDesk.Domain;
using ConsultDesk.Domain.FollowUps;
using ConsultDesk.Domain.Inbound;
using ConsultDesk.Domain.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsultDesk.Data.Configurations;

public sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.ToTable("FollowUps");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Key).HasMaxLength(64).IsRequired();
        builder.Property(f => f.State).IsConcurrencyToken();
        builder.Property(f => f.Outcome).HasMaxLength(64);
        // One journey per case state: planning twice for the same moment is a no-op.
        builder.HasIndex(f => new { f.CaseId, f.Rule, f.Key }).IsUnique();
        // The sweep: scheduled rows in due order.
        builder.HasIndex(f => new { f.State, f.DueAt });
        builder.HasOne<Case>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PortalTokenConfiguration : IEntityTypeConfiguration<PortalToken>
{
    public void Configure(EntityTypeBuilder<PortalToken> builder)
    {
        builder.ToTable("PortalTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.CaseId);
        builder.HasOne<Case>().WithMany().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.ToTable("SurveyResponses");
        builder.HasKey(s => s.CaseId);
        builder.Property(s => s.Comment).HasMaxLength(4000);
        builder.HasOne<Case>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MailOptOutConfiguration : IEntityTypeConfiguration<MailOptOut>
{
    public void Configure(EntityTypeBuilder<MailOptOut> builder)
    {
        builder.ToTable("MailOptOuts");
        builder.HasKey(o => o.EmailNormalized);
        builder.Property(o => o.EmailNormalized).HasMaxLength(254);
        builder.HasOne<Case>().WithMany().HasForeignKey(o => o.CaseId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class InboundMailConfiguration : IEntityTypeConfiguration<InboundMail>
{
    public void Configure(EntityTypeBuilder<InboundMail> builder)
    {
        builder.ToTable("InboundMails");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Mailbox).HasMaxLength(200).IsRequired();
        builder.Property(m => m.MessageId).HasMaxLength(255).IsRequired();
        builder.Property(m => m.FromAddressNormalized).HasMaxLength(254).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(1000).IsRequired();
        builder.Property(m => m.Reason).HasMaxLength(64);
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.HasIndex(m => new { m.Mailbox, m.UidValidity, m.Uid }).IsUnique();
        // The per-sender daily cap.
        builder.HasIndex(m => new { m.FromAddressNormalized, m.ReceivedAt });
        builder.HasIndex(m => m.CaseId);
        builder.HasOne<Case>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class MailboxCursorConfiguration : IEntityTypeConfiguration<MailboxCursor>
{
    public void Configure(EntityTypeBuilder<MailboxCursor> builder)
    {
        builder.ToTable("MailboxCursors");
        builder.HasKey(c => c.Mailbox);
        builder.Property(c => c.Mailbox).HasMaxLength(200);
    }
}

public sealed class StoredMailTemplateConfiguration : IEntityTypeConfiguration<StoredMailTemplate>
{
    public void Configure(EntityTypeBuilder<StoredMailTemplate> builder)
    {
        builder.ToTable("MailTemplates");
        builder.HasKey(t => new { t.Name, t.Language });
        builder.Property(t => t.Name).HasMaxLength(64);
        builder.Property(t => t.Source).IsRequired();
        builder.Property(t => t.Version).IsConcurrencyToken();
    }
}
