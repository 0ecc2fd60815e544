using ConsultDesk.Data;
using ConsultDesk.Data.Configurations;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Reporting;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultDesk.Features.Reports;

/// <summary>
/// How fast the desk answers cases submitted in the range: time to first response and to resolution in desk hours
/// (09:00–17:00 JST on business days, measured on the one calendar when the moment happened, to the quarter hour), median and p90
/// (nearest rank), and SLA attainment (answered or resolved by its due time, among those answered or resolved),
/// overall, per consultant (current assignee) and per inquirer type. Without filters, over most of the history, it reads
/// the all-time histogram (<see cref="SpeedSummary"/>) and subtracts the cases outside the range.
/// </summary>
public static class SpeedReport
{
    public sealed record Query : ReportQuery, IQuery<Response>, IReportQuery
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Supervisors;
    }

    public sealed record Measure(int Count, double? MedianHours, double? P90Hours, int WithinSla, double? SlaAttainment);

    public sealed record Group(string Key, string? Name, Measure FirstResponse, Measure Resolution);

    public sealed record Response(DateOnly From, DateOnly To, Measure FirstResponse, Measure Resolution,
        IReadOnlyList<Group> ByConsultant, IReadOnlyList<Group> ByInquirerType);

    public sealed class Validator : ReportQueryValidator<Query>;

    /// <summary>How many cases took a given number of desk quarter hours (and how many of them were within the SLA).</summary>
    private sealed record Cell(Guid? AssigneeId, InquirerType InquirerType, int Quarters, int Count, int Met);

    /// <param name="scopes">Where a second connection comes from, to read both histograms at once; without it, one after the other.</param>
    public sealed class Handler(ConsultDeskDbContext db, TimeProvider clock, IServiceScopeFactory? scopes = null) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var filter = ReportFilter.Of(query);
            var (from, to) = filter.RangeOrLastYear(clock.GetUtcNow().UtcDateTime);
            int first = Domain.Reporting.CaseReportRow.DayOf(from), last = Domain.Reporting.CaseReportRow.DayOf(to);

            // A quarter-hour histogram per type × consultant, grouped in the order of its index: the percentiles come from
            // it without reading or sorting cases. The two are independent reads, so they run side by side on two
            // connections when the app provides them (WAL readers do not wait for each other).
            List<Cell> response, resolution;
            if (!filter.FiltersCases && await MostOfTheHistoryAsync(db, first, last, cancellationToken))
            {
                // All cases over most of the history: the all-time histogram minus the cases submitted outside the
                // range, which are fewer than those inside it (a whole-history report reads almost no rows).
                var allTime = await SpeedSummary.AllTimeAsync(db, cancellationToken);
                response = Minus(allTime.Where(c => c.Measure == SpeedMeasure.FirstResponse),
                    [.. await FirstResponseHistogramAsync(db, filter, int.MinValue, first - 1, cancellationToken, narrow: true),
                     .. await FirstResponseHistogramAsync(db, filter, last + 1, int.MaxValue, cancellationToken, narrow: true)]);
                resolution = Minus(allTime.Where(c => c.Measure == SpeedMeasure.Resolution),
                    [.. await ResolutionHistogramAsync(db, filter, int.MinValue, first - 1, cancellationToken, narrow: true),
                     .. await ResolutionHistogramAsync(db, filter, last + 1, int.MaxValue, cancellationToken, narrow: true)]);
            }
            else if (scopes is null)
            {
                response = await FirstResponseHistogramAsync(db, filter, first, last, cancellationToken);
                resolution = await ResolutionHistogramAsync(db, filter, first, last, cancellationToken);
            }
            else
            {
                await using var secondScope = scopes.CreateAsyncScope();
                var responseTask = FirstResponseHistogramAsync(db, filter, first, last, cancellationToken);
                var resolutionTask = ResolutionHistogramAsync(secondScope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>(), filter, first, last, cancellationToken);
                await Task.WhenAll(responseTask, resolutionTask);
                (response, resolution) = (responseTask.Result, resolutionTask.Result);
            }

            var ids = response.Concat(resolution).Where(c => c.AssigneeId is not null).Select(c => c.AssigneeId!.Value).Distinct().ToList();
            var names = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName })
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

            var responseBy = (Consultant: response.ToLookup(c => c.AssigneeId), Type: response.ToLookup(c => c.InquirerType));
            var resolutionBy = (Consultant: resolution.ToLookup(c => c.AssigneeId), Type: resolution.ToLookup(c => c.InquirerType));
            var byConsultant = responseBy.Consultant.Select(g => g.Key).Union(resolutionBy.Consultant.Select(g => g.Key))
                .Select(id => new Group(id?.ToString() ?? "unassigned", id is { } known ? names.GetValueOrDefault(known) : null,
                    MeasureOf(responseBy.Consultant[id]), MeasureOf(resolutionBy.Consultant[id])))
                .OrderBy(g => g.Key == "unassigned" ? 1 : 0).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
            var byType = Enum.GetValues<InquirerType>()
                .Select(type => new Group(Wire.Name(type), null, MeasureOf(responseBy.Type[type]), MeasureOf(resolutionBy.Type[type])))
                .ToList();
            return new Response(from, to, MeasureOf(response), MeasureOf(resolution), byConsultant, byType);
        }

        /// <param name="narrow">A range holding few cases: let the planner use the day index rather than walk the histogram index.</param>
        private static async Task<List<Cell>> FirstResponseHistogramAsync(ConsultDeskDbContext db, ReportFilter filter, int first, int last, CancellationToken cancellationToken,
            bool narrow = false) =>
            (await filter.Apply((narrow ? db.CaseReportRows : Using(db, FirstResponseSource)).Where(r => r.SubmittedOn >= first && r.SubmittedOn <= last && r.FirstResponseQuarterHours != null))
                .GroupBy(r => new { r.InquirerType, r.AssigneeId, Quarters = r.FirstResponseQuarterHours!.Value })
                .Select(g => new { g.Key.AssigneeId, g.Key.InquirerType, g.Key.Quarters, Count = g.Count(), Met = g.Sum(r => r.FirstResponseMet == true ? 1 : 0) })
                .ToListAsync(cancellationToken))
            .Select(c => new Cell(c.AssigneeId, c.InquirerType, c.Quarters, c.Count, c.Met)).ToList();

        private static async Task<List<Cell>> ResolutionHistogramAsync(ConsultDeskDbContext db, ReportFilter filter, int first, int last, CancellationToken cancellationToken,
            bool narrow = false) =>
            (await filter.Apply((narrow ? db.CaseReportRows : Using(db, ResolutionSource)).Where(r => r.SubmittedOn >= first && r.SubmittedOn <= last && r.ResolutionQuarterHours != null))
                .GroupBy(r => new { r.InquirerType, r.AssigneeId, Quarters = r.ResolutionQuarterHours!.Value })
                .Select(g => new { g.Key.AssigneeId, g.Key.InquirerType, g.Key.Quarters, Count = g.Count(), Met = g.Sum(r => r.ResolutionMet == true ? 1 : 0) })
                .ToListAsync(cancellationToken))
            .Select(c => new Cell(c.AssigneeId, c.InquirerType, c.Quarters, c.Count, c.Met)).ToList();

        /// <summary>Whether fewer cases were submitted outside the range than inside it (from the flow report's day summary).</summary>
        private static async Task<bool> MostOfTheHistoryAsync(ConsultDeskDbContext db, int first, int last, CancellationToken cancellationToken)
        {
            var opened = (await FlowDayCounts.UpToAsync(db, int.MaxValue, cancellationToken, only: FlowEvent.Opened))[FlowEvent.Opened];
            var inside = opened.Where(d => d.Key >= first && d.Key <= last).Sum(d => d.Value);
            return opened.Values.Sum() - inside < inside;
        }

        private static List<Cell> Minus(IEnumerable<SpeedSummary.Cell> allTime, List<Cell> outside)
        {
            var cells = allTime.ToDictionary(c => (c.AssigneeId, c.InquirerType, c.Quarters), c => (c.Count, c.Met));
            foreach (var c in outside)
            {
                var (count, met) = cells.GetValueOrDefault((c.AssigneeId, c.InquirerType, c.Quarters));
                cells[(c.AssigneeId, c.InquirerType, c.Quarters)] = (count - c.Count, met - c.Met);
            }
            return [.. cells.Where(c => c.Value.Count != 0).Select(c => new Cell(c.Key.AssigneeId, c.Key.InquirerType, c.Key.Quarters, c.Value.Count, c.Value.Met))];
        }

        // SQLite's planner (3.53) prefers a day-range index and sorts ~10^5 rows; the histogram index, walked by
        // skip-scan in group order, needs no sort (≈5× faster at 10^6 cases). PostgreSQL plans it well on its own.
        private const string FirstResponseSource = "SELECT * FROM \"CaseReportRows\" INDEXED BY \"" + CaseReportRowConfiguration.FirstResponseSpeedIndex + "\"";
        private const string ResolutionSource = "SELECT * FROM \"CaseReportRows\" INDEXED BY \"" + CaseReportRowConfiguration.ResolutionSpeedIndex + "\"";

        private static IQueryable<Domain.Reporting.CaseReportRow> Using(ConsultDeskDbContext db, string sqliteSource) => db.Database.IsSqlite()
            ? db.CaseReportRows.FromSqlRaw(sqliteSource)
            : db.CaseReportRows;
    }

    private static Measure MeasureOf(IEnumerable<Cell> cells)
    {
        var histogram = cells.GroupBy(c => c.Quarters).Select(g => (Quarters: g.Key, Count: g.Sum(c => c.Count), Met: g.Sum(c => c.Met)))
            .OrderBy(h => h.Quarters).ToList();
        var count = histogram.Sum(h => h.Count);
        if (count == 0) return new Measure(0, null, null, 0, null);
        var met = histogram.Sum(h => h.Met);
        return new Measure(count, Hours(Percentile(histogram, count, 0.5)), Hours(Percentile(histogram, count, 0.9)), met, Math.Round((double)met / count, 4));
    }

    /// <summary>Nearest rank: the smallest value with at least ⌈p·n⌉ values at or below it.</summary>
    private static int Percentile(List<(int Quarters, int Count, int Met)> histogram, int count, double p)
    {
        var rank = Math.Max(1, (int)Math.Ceiling(p * count));
        var seen = 0;
        foreach (var (quarters, n, _) in histogram)
        {
            seen += n;
            if (seen >= rank) return quarters;
        }
        return histogram[^1].Quarters;
    }

    private static double Hours(int quarters) => quarters / 4.0;
}
