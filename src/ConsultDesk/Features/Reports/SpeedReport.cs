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

    /// <param name="scopes">Where a second connection comes from, to read both histograms at once; without it, one after the other.</param>
    public sealed class Handler(ConsultDeskDbContext db, TimeProvider clock, IServiceScopeFactory? scopes = null) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var filter = ReportFilter.Of(query);
            var (from, to) = filter.RangeOrLastYear(clock.GetUtcNow().UtcDateTime);
            int first = Domain.Reporting.CaseReportRow.DayOf(from), last = Domain.Reporting.CaseReportRow.DayOf(to);

            // A quarter-hour histogram per type × consultant, grouped in the order of its index: the percentiles come from
            // it without reading or sorting cases. Its cells are summed as they stream in (tens of thousands at 10^6
            // cases; held as a list, with the groupings over it, they grew the process by ~25 MB a report). The two are
            // independent reads, so they run side by side on two connections when the app provides them (WAL readers do
            // not wait for each other).
            var response = new Histograms();
            var resolution = new Histograms();
            if (!filter.FiltersCases && await MostOfTheHistoryAsync(db, first, last, cancellationToken))
            {
                // All cases over most of the history: the all-time histogram minus the cases submitted outside the
                // range, which are fewer than those inside it (a whole-history report reads almost no rows).
                await foreach (var cell in SpeedSummary.AllTimeAsync(db, cancellationToken))
                    (cell.Measure == SpeedMeasure.FirstResponse ? response : resolution).Add(cell.AssigneeId, cell.InquirerType, cell.Quarters, cell.Count, cell.Met);
                foreach (var (outsideFirst, outsideLast) in new[] { (int.MinValue, first - 1), (last + 1, int.MaxValue) })
                {
                    await AddFirstResponsesAsync(db, filter, outsideFirst, outsideLast, response, sign: -1, cancellationToken, narrow: true);
                    await AddResolutionsAsync(db, filter, outsideFirst, outsideLast, resolution, sign: -1, cancellationToken, narrow: true);
                }
            }
            else if (scopes is null)
            {
                await AddFirstResponsesAsync(db, filter, first, last, response, sign: 1, cancellationToken);
                await AddResolutionsAsync(db, filter, first, last, resolution, sign: 1, cancellationToken);
            }
            else
            {
                await using var secondScope = scopes.CreateAsyncScope();
                await Task.WhenAll(
                    AddFirstResponsesAsync(db, filter, first, last, response, sign: 1, cancellationToken),
                    AddResolutionsAsync(secondScope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>(), filter, first, last, resolution, sign: 1, cancellationToken));
            }

            var consultants = response.Consultants.Union(resolution.Consultants).ToList();
            var names = await db.Users.Where(u => consultants.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName })
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
            var byConsultant = consultants
                .Select(id => id == Histograms.Unassigned
                    ? new Group("unassigned", null, response.OfConsultant(id), resolution.OfConsultant(id))
                    : new Group(id.ToString(), names.GetValueOrDefault(id), response.OfConsultant(id), resolution.OfConsultant(id)))
                .OrderBy(g => g.Key == "unassigned" ? 1 : 0).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
            var byType = Enum.GetValues<InquirerType>()
                .Select(type => new Group(Wire.Name(type), null, response.OfType(type), resolution.OfType(type)))
                .ToList();
            return new Response(from, to, response.Overall, resolution.Overall, byConsultant, byType);
        }

        /// <param name="narrow">A range holding few cases: let the planner use the day index rather than walk the histogram index.</param>
        private static async Task AddFirstResponsesAsync(ConsultDeskDbContext db, ReportFilter filter, int first, int last, Histograms into, int sign,
            CancellationToken cancellationToken, bool narrow = false)
        {
            var cells = filter.Apply((narrow ? db.CaseReportRows : Using(db, FirstResponseSource)).Where(r => r.SubmittedOn >= first && r.SubmittedOn <= last && r.FirstResponseQuarterHours != null))
                .GroupBy(r => new { r.InquirerType, r.AssigneeId, Quarters = r.FirstResponseQuarterHours!.Value })
                .Select(g => new { g.Key.AssigneeId, g.Key.InquirerType, g.Key.Quarters, Count = g.Count(), Met = g.Sum(r => r.FirstResponseMet == true ? 1 : 0) });
            await foreach (var c in cells.AsAsyncEnumerable().WithCancellation(cancellationToken))
                into.Add(c.AssigneeId, c.InquirerType, c.Quarters, sign * c.Count, sign * c.Met);
        }

        private static async Task AddResolutionsAsync(ConsultDeskDbContext db, ReportFilter filter, int first, int last, Histograms into, int sign,
            CancellationToken cancellationToken, bool narrow = false)
        {
            var cells = filter.Apply((narrow ? db.CaseReportRows : Using(db, ResolutionSource)).Where(r => r.SubmittedOn >= first && r.SubmittedOn <= last && r.ResolutionQuarterHours != null))
                .GroupBy(r => new { r.InquirerType, r.AssigneeId, Quarters = r.ResolutionQuarterHours!.Value })
                .Select(g => new { g.Key.AssigneeId, g.Key.InquirerType, g.Key.Quarters, Count = g.Count(), Met = g.Sum(r => r.ResolutionMet == true ? 1 : 0) });
            await foreach (var c in cells.AsAsyncEnumerable().WithCancellation(cancellationToken))
                into.Add(c.AssigneeId, c.InquirerType, c.Quarters, sign * c.Count, sign * c.Met);
        }

        /// <summary>Whether fewer cases were submitted outside the range than inside it (from the flow report's day summary).</summary>
        private static async Task<bool> MostOfTheHistoryAsync(ConsultDeskDbContext db, int first, int last, CancellationToken cancellationToken)
        {
            var opened = (await FlowDayCounts.UpToAsync(db, int.MaxValue, cancellationToken, only: FlowEvent.Opened))[FlowEvent.Opened];
            var inside = opened.Where(d => d.Key >= first && d.Key <= last).Sum(d => d.Value);
            return opened.Values.Sum() - inside < inside;
        }

        // SQLite's planner (3.53) prefers a day-range index and sorts ~10^5 rows; the histogram index, walked by
        // skip-scan in group order, needs no sort (≈5× faster at 10^6 cases). PostgreSQL plans it well on its own.
        private const string FirstResponseSource = "SELECT * FROM \"CaseReportRows\" INDEXED BY \"" + CaseReportRowConfiguration.FirstResponseSpeedIndex + "\"";
        private const string ResolutionSource = "SELECT * FROM \"CaseReportRows\" INDEXED BY \"" + CaseReportRowConfiguration.ResolutionSpeedIndex + "\"";

        private static IQueryable<Domain.Reporting.CaseReportRow> Using(ConsultDeskDbContext db, string sqliteSource) => db.Database.IsSqlite()
            ? db.CaseReportRows.FromSqlRaw(sqliteSource)
            : db.CaseReportRows;
    }

    /// <summary>
    /// One measure's quarter-hour histograms (cases and those within the SLA per number of quarter hours): overall, per
    /// consultant and per inquirer type, summed cell by cell. Its size is groups × distinct quarter-hour values, whatever
    /// the number of cells read. A negative cell subtracts (the cases outside a whole-history report's range).
    /// </summary>
    private sealed class Histograms
    {
        /// <summary>The key of the unassigned cases (as in <see cref="SpeedSummary"/>): a dictionary key cannot be null.</summary>
        public static readonly Guid Unassigned = Guid.Empty;

        private readonly Dictionary<int, (int Count, int Met)> overall = [];
        private readonly Dictionary<Guid, Dictionary<int, (int Count, int Met)>> byConsultant = [];
        private readonly Dictionary<InquirerType, Dictionary<int, (int Count, int Met)>> byType = [];

        public void Add(Guid? assignee, InquirerType type, int quarters, int count, int met)
        {
            Add(overall, quarters, count, met);
            Add(Of(byConsultant, assignee ?? Unassigned), quarters, count, met);
            Add(Of(byType, type), quarters, count, met);
        }

        /// <summary>The consultants with a case in this measure (<see cref="Unassigned"/> for the unassigned ones).</summary>
        public IEnumerable<Guid> Consultants => byConsultant.Where(g => g.Value.Values.Any(v => v.Count != 0)).Select(g => g.Key);

        public Measure Overall => MeasureOf(overall);

        public Measure OfConsultant(Guid id) => MeasureOf(byConsultant.GetValueOrDefault(id));

        public Measure OfType(InquirerType type) => MeasureOf(byType.GetValueOrDefault(type));

        private static Dictionary<int, (int Count, int Met)> Of<TKey>(Dictionary<TKey, Dictionary<int, (int Count, int Met)>> groups, TKey key) where TKey : notnull
        {
            if (!groups.TryGetValue(key, out var histogram)) groups[key] = histogram = [];
            return histogram;
        }

        private static void Add(Dictionary<int, (int Count, int Met)> histogram, int quarters, int count, int met)
        {
            var (c, m) = histogram.GetValueOrDefault(quarters);
            histogram[quarters] = (c + count, m + met);
        }
    }

    private static Measure MeasureOf(Dictionary<int, (int Count, int Met)>? cells)
    {
        var histogram = (cells ?? []).Where(h => h.Value.Count != 0).Select(h => (Quarters: h.Key, h.Value.Count, h.Value.Met))
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
