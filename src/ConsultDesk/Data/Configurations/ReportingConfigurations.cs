using ConsultDesk.Domain;
using ConsultDesk.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsultDesk.Data.Configurations;

public sealed class CaseReportRowConfiguration : IEntityTypeConfiguration<CaseReportRow>
{
    public void Configure(EntityTypeBuilder<CaseReportRow> builder)
    {
        builder.ToTable("CaseReportRows");
        builder.HasKey(r => r.CaseId);
        builder.Property(r => r.CaseId).ValueGeneratedNever();
        builder.HasOne<Case>().WithOne().HasForeignKey<CaseReportRow>(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.PrefectureCode).HasMaxLength(2).IsFixedLength().IsRequired();

        // Each report ranges over one day column and groups by the filter columns, so each index leads with its day and
        // carries the filters and measures the report reads: the aggregate is answered from the index alone.
        builder.HasIndex(r => new { r.SubmittedOn, r.InquirerType, r.PrefectureCode, r.AssigneeId, r.TopicMask, r.Milestones });
        builder.HasIndex(r => new
        {
            r.SubmittedOn, r.InquirerType, r.AssigneeId, r.PrefectureCode, r.TopicMask,
            r.FirstResponseMinutes, r.FirstResponseMet, r.ResolutionMinutes, r.ResolutionMet,
        });
        builder.HasIndex(r => new { r.ResolvedOn, r.InquirerType, r.PrefectureCode, r.AssigneeId, r.TopicMask });
        builder.HasIndex(r => new { r.ClosedOn, r.InquirerType, r.PrefectureCode, r.AssigneeId, r.TopicMask });
        builder.HasIndex(r => new { r.FinishedOn, r.InquirerType, r.PrefectureCode, r.AssigneeId, r.TopicMask });
        builder.HasIndex(r => new { r.FinishedOn, r.AssigneeId, r.Status, r.DueAt, r.SubmittedOn });
    }
}
