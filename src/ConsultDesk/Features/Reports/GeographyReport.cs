using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Reporting;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Reports;

/// <summary>Cases submitted in the range per prefecture (all 47, zeros included, in JIS order) and per inquirer type.</summary>
public static class GeographyReport
{
    public sealed record Query : ReportQuery, IQuery<Response>, IReportQuery
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Supervisors;
    }

    public sealed record PrefectureCount(string Code, string Name, string NameEn, string Region, int Total, IReadOnlyDictionary<string, int> ByInquirerType);

    public sealed record Response(DateOnly From, DateOnly To, int Total, int Max, IReadOnlyList<PrefectureCount> Prefectures);

    public sealed class Validator : ReportQueryValidator<Query>;

    public sealed class Handler(ConsultDeskDbContext db, TimeProvider clock) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var filter = ReportFilter.Of(query);
            var (from, to) = filter.RangeOrLastYear(clock.GetUtcNow().UtcDateTime);
            int first = CaseReportRow.DayOf(from), last = CaseReportRow.DayOf(to);
            var counts = await filter.Apply(db.CaseReportRows.Where(r => r.SubmittedOn >= first && r.SubmittedOn <= last))
                .GroupBy(r => new { r.PrefectureCode, r.InquirerType })
                .Select(g => new { g.Key.PrefectureCode, g.Key.InquirerType, Count = g.Count() })
                .ToListAsync(cancellationToken);

            var prefectures = Prefecture.All.Select(p =>
            {
                var mine = counts.Where(c => c.PrefectureCode == p.Code).ToList();
                return new PrefectureCount(p.Code, p.Name, p.NameEn, p.Region, mine.Sum(c => c.Count),
                    Enum.GetValues<InquirerType>().ToDictionary(Wire.Name, t => mine.Where(c => c.InquirerType == t).Sum(c => c.Count)));
            }).ToList();
            return new Response(from, to, prefectures.Sum(p => p.Total), prefectures.Count == 0 ? 0 : prefectures.Max(p => p.Total), prefectures);
        }
    }
}
