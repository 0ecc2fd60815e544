using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Reporting;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Reports;

/// <summary>
/// Of the cases submitted in the range, how many reached each stage: intake → consultation → support → matching →
/// concluded match. A case counts for a stage when it reached it or any later one, so each stage is a subset of the one
/// before; conversion is against intake and against the previous stage.
/// </summary>
public static class FunnelReport
{
    public sealed record Query : ReportQuery, IQuery<Response>, IReportQuery
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Supervisors;
    }

    public static readonly IReadOnlyList<string> StageKeys = ["intake", "consultation", "support", "matching", "concluded"];

    public sealed record Stage(string Key, int Count, double? FromIntake, double? FromPrevious);

    public sealed record Funnel(string InquirerType, IReadOnlyList<Stage> Stages);

    public sealed record Response(DateOnly From, DateOnly To, Funnel Total, IReadOnlyList<Funnel> ByInquirerType);

    public sealed class Validator : ReportQueryValidator<Query>;

    public sealed class Handler(ConsultDeskDbContext db, TimeProvider clock) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var filter = ReportFilter.Of(query);
            var (from, to) = filter.RangeOrLastYear(clock.GetUtcNow().UtcDateTime);
            int first = CaseReportRow.DayOf(from), last = CaseReportRow.DayOf(to);
            const int SupportOrLater = ReportMilestones.Support | ReportMilestones.Matching | ReportMilestones.MatchConcluded;
            const int MatchingOrLater = ReportMilestones.Matching | ReportMilestones.MatchConcluded;
            var groups = await filter.Apply(db.CaseReportRows.Where(r => r.SubmittedOn >= first && r.SubmittedOn <= last))
                .GroupBy(r => r.InquirerType)
                .Select(g => new
                {
                    Type = g.Key,
                    Intake = g.Count(),
                    Consultation = g.Sum(r => r.Milestones != 0 ? 1 : 0),
                    Support = g.Sum(r => (r.Milestones & SupportOrLater) != 0 ? 1 : 0),
                    Matching = g.Sum(r => (r.Milestones & MatchingOrLater) != 0 ? 1 : 0),
                    Concluded = g.Sum(r => (r.Milestones & ReportMilestones.MatchConcluded) != 0 ? 1 : 0),
                })
                .ToListAsync(cancellationToken);

            var byType = Enum.GetValues<InquirerType>().Select(type =>
            {
                var g = groups.FirstOrDefault(x => x.Type == type);
                return FunnelOf(Wire.Name(type), g is null ? [0, 0, 0, 0, 0] : [g.Intake, g.Consultation, g.Support, g.Matching, g.Concluded]);
            }).ToList();
            var total = FunnelOf("all", [.. Enumerable.Range(0, StageKeys.Count).Select(i => byType.Sum(f => f.Stages[i].Count))]);
            return new Response(from, to, total, byType);
        }
    }

    private static Funnel FunnelOf(string type, int[] counts) => new(type, [.. counts.Select((count, i) => new Stage(StageKeys[i], count,
        Ratio(count, counts[0]), i == 0 ? null : Ratio(count, counts[i - 1])))]);

    private static double? Ratio(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
