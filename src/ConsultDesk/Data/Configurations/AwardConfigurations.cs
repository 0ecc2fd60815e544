using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Declarations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsultDesk.Data.Configurations;

public sealed class AwardRoundConfiguration : IEntityTypeConfiguration<AwardRound>
{
    public void Configure(EntityTypeBuilder<AwardRound> builder)
    {
        builder.ToTable("AwardRounds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Property(r => r.Title).HasMaxLength(AwardRound.MaxTitleLength).IsRequired();
        builder.HasIndex(r => r.Year).IsUnique();
        // The award job's two sweeps: rounds whose deadline or publication mail is still due.
        builder.HasIndex(r => new { r.EntryClosesAt, r.DeadlineMailedAt });
        builder.HasIndex(r => new { r.PublishAt, r.ResultsMailedAt });
        builder.HasMany(r => r.Categories).WithOne().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Criteria).WithOne().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Categories).AutoInclude(false);
        builder.Navigation(r => r.Criteria).AutoInclude(false);
    }
}

public sealed class AwardCategoryConfiguration : IEntityTypeConfiguration<AwardCategory>
{
    public void Configure(EntityTypeBuilder<AwardCategory> builder)
    {
        builder.ToTable("AwardCategories");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Code).HasMaxLength(AwardCategory.MaxCodeLength).IsRequired();
        builder.Property(c => c.NameJa).HasMaxLength(AwardCategory.MaxNameLength).IsRequired();
        builder.Property(c => c.NameEn).HasMaxLength(AwardCategory.MaxNameLength).IsRequired();
        builder.HasIndex(c => new { c.RoundId, c.Code }).IsUnique();
    }
}

public sealed class AwardCriterionConfiguration : IEntityTypeConfiguration<AwardCriterion>
{
    public void Configure(EntityTypeBuilder<AwardCriterion> builder)
    {
        builder.ToTable("AwardCriteria");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Code).HasMaxLength(AwardCategory.MaxCodeLength).IsRequired();
        builder.Property(c => c.NameJa).HasMaxLength(AwardCategory.MaxNameLength).IsRequired();
        builder.Property(c => c.NameEn).HasMaxLength(AwardCategory.MaxNameLength).IsRequired();
        builder.Property(c => c.Weight).HasPrecision(9, 3);
        builder.HasIndex(c => new { c.RoundId, c.Code }).IsUnique();
    }
}

public sealed class AwardEntryConfiguration : IEntityTypeConfiguration<AwardEntry>
{
    public void Configure(EntityTypeBuilder<AwardEntry> builder)
    {
        builder.ToTable("AwardEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Property(e => e.EntrantMunicipalityCode).HasMaxLength(6);
        builder.Property(e => e.PartnerMunicipalityCode).HasMaxLength(6);
        builder.Property(e => e.InitiativeKey).HasMaxLength(64);
        builder.Property(e => e.OrganizationName).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Title).HasMaxLength(AwardEntry.MaxTitleLength).IsRequired();
        builder.Property(e => e.Answers).IsRequired();
        builder.Property(e => e.Outcomes).HasMaxLength(AwardEntry.MaxOutcomesLength).IsRequired();
        // Once per initiative per round: the database refuses the second entry even when two arrive together.
        builder.HasIndex(e => new { e.RoundId, e.InitiativeKey }).IsUnique().HasFilter("\"InitiativeKey\" IS NOT NULL");
        // A declarant's entries (their link's page) and a round's entries by category (admins, ranking, assignment).
        builder.HasIndex(e => new { e.DeclarationId, e.RoundId });
        builder.HasIndex(e => new { e.RoundId, e.CategoryId, e.Status });
        // The 連携パートナー賞 entry lists the entries naming its municipality.
        builder.HasIndex(e => new { e.RoundId, e.PartnerMunicipalityCode });
        builder.HasOne<AwardRound>().WithMany().HasForeignKey(e => e.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AwardCategory>().WithMany().HasForeignKey(e => e.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Declaration>().WithMany().HasForeignKey(e => e.DeclarationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AwardAttachmentConfiguration : IEntityTypeConfiguration<AwardAttachment>
{
    public void Configure(EntityTypeBuilder<AwardAttachment> builder)
    {
        builder.ToTable("AwardAttachments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FileName).HasMaxLength(255).IsRequired();
        builder.Property(a => a.ContentType).HasMaxLength(100).IsRequired();
        builder.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
        builder.HasIndex(a => new { a.EntryId, a.Position }).IsUnique();
        builder.HasOne<AwardEntry>().WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AwardAssignmentConfiguration : IEntityTypeConfiguration<AwardAssignment>
{
    public void Configure(EntityTypeBuilder<AwardAssignment> builder)
    {
        builder.ToTable("AwardAssignments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.ConflictNote).HasMaxLength(AwardAssignment.MaxConflictNoteLength);
        builder.Ignore(a => a.IsActive);
        builder.Ignore(a => a.CanSeeEntry);
        // One assignment per judge and entry, kept after a declared conflict so the judge is not assigned again.
        builder.HasIndex(a => new { a.EntryId, a.JudgeId }).IsUnique();
        // A judge's queue within a round.
        builder.HasIndex(a => new { a.JudgeId, a.RoundId });
        builder.HasIndex(a => a.RoundId);
        builder.HasOne<AwardEntry>().WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AwardScoreConfiguration : IEntityTypeConfiguration<AwardScore>
{
    public void Configure(EntityTypeBuilder<AwardScore> builder)
    {
        builder.ToTable("AwardScores");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Comment).HasMaxLength(AwardScore.MaxCommentLength);
        builder.HasIndex(s => new { s.AssignmentId, s.CriterionId }).IsUnique();
        // The ranking reads a category's scores entry by entry.
        builder.HasIndex(s => s.EntryId);
        builder.HasOne<AwardAssignment>().WithMany().HasForeignKey(s => s.AssignmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AwardCriterion>().WithMany().HasForeignKey(s => s.CriterionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AwardDecisionConfiguration : IEntityTypeConfiguration<AwardDecision>
{
    public void Configure(EntityTypeBuilder<AwardDecision> builder)
    {
        builder.ToTable("AwardDecisions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Winners).IsRequired();
        builder.Property(d => d.Review).HasMaxLength(AwardDecision.MaxReviewLength).IsRequired();
        builder.Property(d => d.ReopenReason).HasMaxLength(AwardDecision.MaxReviewLength);
        builder.Ignore(d => d.IsCurrent);
        // At most one current decision per category; reopened ones stay as history.
        builder.HasIndex(d => new { d.RoundId, d.CategoryId }).IsUnique().HasFilter("\"ReopenedAt\" IS NULL");
        builder.HasIndex(d => new { d.RoundId, d.CategoryId, d.DecidedAt });
        builder.HasOne<AwardRound>().WithMany().HasForeignKey(d => d.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AwardCategory>().WithMany().HasForeignKey(d => d.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AwardEventConfiguration : IEntityTypeConfiguration<AwardEvent>
{
    public void Configure(EntityTypeBuilder<AwardEvent> builder)
    {
        builder.ToTable("AwardEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Type).HasMaxLength(32).IsRequired();
        builder.Property(e => e.Content).IsRequired();
        builder.HasIndex(e => new { e.EntryId, e.At });
        builder.HasIndex(e => new { e.RoundId, e.At });
        builder.HasOne<AwardRound>().WithMany().HasForeignKey(e => e.RoundId).OnDelete(DeleteBehavior.Restrict);
    }
}
