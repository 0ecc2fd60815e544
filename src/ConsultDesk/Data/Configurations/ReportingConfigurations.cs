using ConsultDesk.Domain;
using ConsultDesk.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsultDesk.Data.Configurations;

public sealed class CaseReportRowConfiguration : IEntityTypeConfiguration<CaseReportRow>
{
    /// <summary>Named, because the speed report tells SQLite to use them (its planner misjudges the skip-scan).</summary>
    public const string FirstResponseSpeedIndex = "IX_CaseReportRows_FirstResponseSpeed";
    public const string ResolutionSpeedIndex = "IX_CaseReportRows_ResolutionSpeed";

    public void Configure(EntityTypeBuilder<CaseReportRow> builder)
    {
        builder.ToTable("CaseReportRows");
        builder.HasKey(r => r.CaseId);
        builder.Property(r => r.CaseId).ValueGeneratedNever();
        builder.HasOne<Case>().WithOne().HasForeignKey<CaseReportRow>(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.PrefectureCode).HasMaxLength(2).IsFixedLength().IsRequired();

        // Each report's aggregate is answered from one covering index, grouped in index order so SQLite needs no sort:
        // the grouped columns lead, then the day range (reached by skip-scan over the few group values), then the
        // filters. Flow groups by day, so its indexes lead with the day. (Keep ANALYZE statistics current: skip-scan
        // depends on them; startup runs PRAGMA optimize.) The speed histograms' indexes hold only measured cases, so the
        // planner scans them whole, in group order, rather than sorting a day range.
        builder.HasIndex(r => new { r.SubmittedOn, r.InquirerType, r.PrefectureCode, r.AssigneeId, r.TopicMask });
        builder.HasIndex(r => new { r.ResolvedOn, r.InquirerType, r.PrefectureCode, r.AssigneeId, r.TopicMask });
        builder.HasIndex(r => new { r.ClosedOn, r.InquirerType, r.PrefectureCode, r.AssigneeId, r.TopicMask });
        builder.HasIndex(r => new { r.FinishedOn, r.InquirerType, r.PrefectureCode, r.AssigneeId, r.TopicMask });
        builder.HasIndex(r => new { r.FinishedOn, r.AssigneeId, r.Status, r.DueAt, r.SubmittedOn });
        builder.HasIndex(r => new { r.PrefectureCode, r.InquirerType, r.SubmittedOn, r.AssigneeId, r.TopicMask });
        builder.HasIndex(r => new { r.InquirerType, r.SubmittedOn, r.Milestones, r.PrefectureCode, r.AssigneeId, r.TopicMask });
        builder.HasIndex(r => new
        {
            r.InquirerType, r.AssigneeId, r.FirstResponseQuarterHours, r.SubmittedOn, r.FirstResponseMet, r.PrefectureCode, r.TopicMask,
        }).HasFilter("\"FirstResponseQuarterHours\" IS NOT NULL").HasDatabaseName(FirstResponseSpeedIndex);
        builder.HasIndex(r => new
        {
            r.InquirerType, r.AssigneeId, r.ResolutionQuarterHours, r.SubmittedOn, r.ResolutionMet, r.PrefectureCode, r.TopicMask,
        }).HasFilter("\"ResolutionQuarterHours\" IS NOT NULL").HasDatabaseName(ResolutionSpeedIndex);
    }
}

public sealed class FlowDayCountConfiguration : IEntityTypeConfiguration<FlowDayCount>
{
    public void Configure(EntityTypeBuilder<FlowDayCount> builder)
    {
        builder.ToTable("FlowDayCounts");
        builder.HasKey(c => new { c.Event, c.Day });
    }
}

public sealed class FlowDayDeltaConfiguration : IEntityTypeConfiguration<FlowDayDelta>
{
    public void Configure(EntityTypeBuilder<FlowDayDelta> builder)
    {
        builder.ToTable("FlowDayDeltas");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedOnAdd();
    }
}

public sealed class SpeedCellConfiguration : IEntityTypeConfiguration<SpeedCell>
{
    public void Configure(EntityTypeBuilder<SpeedCell> builder)
    {
        builder.ToTable("SpeedCells");
        builder.HasKey(c => new { c.Measure, c.InquirerType, c.AssigneeId, c.Quarters });
    }
}

public sealed class SpeedCellDeltaConfiguration : IEntityTypeConfiguration<SpeedCellDelta>
{
    public void Configure(EntityTypeBuilder<SpeedCellDelta> builder)
    {
        builder.ToTable("SpeedCellDeltas");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedOnAdd();
    }
}
