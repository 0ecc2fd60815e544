using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Reporting;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultDesk.Features.Reports;

/// <summary>
/// Cases opened, resolved and closed per week (Monday to Sunday) or calendar month, and the backlog (cases open) at the
/// end of each period. Without filters the counts come from the per-day summary (<see cref="FlowDayCounts"/>); with
/// them each count is one grouped query over an indexed day column of the report rows, never a scan of the cases.
/// </summary>
public static class FlowReport
{
    public sealed record Query : ReportQuery, IQuery<Response>, IReportQuery
    {
        /// <summary><c>week</c> or <c>month</c>.</summary>
        public string Interval { get; init; } = "month";

        public static IReadOnlyList<string> AllowedRoles => Roles.Supervisors;
    }

    public sealed record Period(DateOnly Start, DateOnly End, int Opened, int Resolved, int Closed, int Backlog);

    public sealed record Response(DateOnly From, DateOnly To, string Interval, int BacklogAtStart, IReadOnlyList<Period> Periods);

    public sealed class Validator : ReportQueryValidator<Query>
    {
        public Validator() => RuleFor(q => q.Interval).Must(i => i is "week" or "month").WithMessage(_ => Texts.ReportInterval);
    }

    /// <param name="scopes">Where a second connection comes from, to read half of the day counts at the same time; without it, one after the other.</param>
    public sealed class Handler(ConsultDeskDbContext db, TimeProvider clock, IServiceScopeFactory? scopes = null) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var filter = ReportFilter.Of(query);
            var (from, to) = filter.RangeOrLastYear(clock.GetUtcNow().UtcDateTime);
            int first = CaseReportRow.DayOf(from), last = CaseReportRow.DayOf(to);

            // Four grouped reads over four day indexes, independent of each other: over a long range each walks most of
            // its index, so two run on a second connection at the same time when the app provides one (measured at 10^6
            // cases over the whole history, PostgreSQL: see the README's benchmark notes).
            DayCounts opened, resolved, closed, finished;
            if (!filter.FiltersCases)
            {
                // All cases: the per-day summary (a few thousand rows however many cases there are).
                var summary = await FlowDayCounts.UpToAsync(db, last, cancellationToken);
                (opened, resolved, closed, finished) = (Of(FlowEvent.Opened), Of(FlowEvent.Resolved), Of(FlowEvent.Closed), Of(FlowEvent.Finished));

                DayCounts Of(FlowEvent @event) => new(
                    summary[@event].Where(d => d.Key >= first).ToDictionary(d => d.Key, d => d.Value),
                    summary[@event].Where(d => d.Key < first).Sum(d => d.Value));
            }
            else if (scopes is null)
            {
                opened = await OpenedAsync(db, filter, first, last, cancellationToken);
                finished = await FinishedAsync(db, filter, first, last, cancellationToken);
                resolved = await ResolvedAsync(db, filter, first, last, cancellationToken);
                closed = await ClosedAsync(db, filter, first, last, cancellationToken);
            }
            else
            {
                await using var secondScope = scopes.CreateAsyncScope();
                var second = secondScope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>();
                var here = Task.Run(async () => (await OpenedAsync(db, filter, first, last, cancellationToken), await ResolvedAsync(db, filter, first, last, cancellationToken)), cancellationToken);
                var there = Task.Run(async () => (await FinishedAsync(second, filter, first, last, cancellationToken), await ClosedAsync(second, filter, first, last, cancellationToken)), cancellationToken);
                await Task.WhenAll(here, there);
                (opened, resolved) = here.Result;
                (finished, closed) = there.Result;
            }
            // Open at the start = submitted before it − finished before it (a case finishes after it is submitted).
            var backlog = opened.Before - finished.Before;
            var atStart = backlog;

            var periods = new List<Period>();
            foreach (var (start, end) in Periods(from, to, query.Interval))
            {
                int o = 0, r = 0, c = 0, f = 0;
                for (var day = start; day <= end; day = day.AddDays(1))
                {
                    var key = CaseReportRow.DayOf(day);
                    o += opened.PerDay.GetValueOrDefault(key);
                    r += resolved.PerDay.GetValueOrDefault(key);
                    c += closed.PerDay.GetValueOrDefault(key);
                    f += finished.PerDay.GetValueOrDefault(key);
                }
                backlog += o - f;
                periods.Add(new Period(start, end, o, r, c, backlog));
            }
            return new Response(from, to, query.Interval, atStart, periods);
        }

        /// <summary>Cases per day in the range, and (for the backlog) how many fell before it.</summary>
        private sealed record DayCounts(Dictionary<int, int> PerDay, int Before);

        private static async Task<DayCounts> OpenedAsync(ConsultDeskDbContext db, ReportFilter filter, int first, int last, CancellationToken cancellationToken)
        {
            var rows = filter.Apply(db.CaseReportRows);
            var perDay = await rows.Where(r => r.SubmittedOn >= first && r.SubmittedOn <= last)
                .GroupBy(r => r.SubmittedOn).Select(g => new { Day = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Day, g => g.Count, cancellationToken);
            return new DayCounts(perDay, await rows.CountAsync(r => r.SubmittedOn < first, cancellationToken));
        }

        private static async Task<DayCounts> FinishedAsync(ConsultDeskDbContext db, ReportFilter filter, int first, int last, CancellationToken cancellationToken)
        {
            var rows = filter.Apply(db.CaseReportRows);
            var perDay = await rows.Where(r => r.FinishedOn >= first && r.FinishedOn <= last)
                .GroupBy(r => r.FinishedOn!.Value).Select(g => new { Day = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Day, g => g.Count, cancellationToken);
            return new DayCounts(perDay, await rows.CountAsync(r => r.FinishedOn < first, cancellationToken));
        }

        private static async Task<DayCounts> ResolvedAsync(ConsultDeskDbContext db, ReportFilter filter, int first, int last, CancellationToken cancellationToken) =>
            new(await filter.Apply(db.CaseReportRows).Where(r => r.ResolvedOn >= first && r.ResolvedOn <= last)
                .GroupBy(r => r.ResolvedOn!.Value).Select(g => new { Day = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Day, g => g.Count, cancellationToken), 0);

        private static async Task<DayCounts> ClosedAsync(ConsultDeskDbContext db, ReportFilter filter, int first, int last, CancellationToken cancellationToken) =>
            new(await filter.Apply(db.CaseReportRows).Where(r => r.ClosedOn >= first && r.ClosedOn <= last)
                .GroupBy(r => r.ClosedOn!.Value).Select(g => new { Day = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Day, g => g.Count, cancellationToken), 0);
    }

    /// <summary>Weeks run Monday to Sunday, months by the calendar; the first and last are cut to the range.</summary>
    public static IEnumerable<(DateOnly Start, DateOnly End)> Periods(DateOnly from, DateOnly to, string interval)
    {
        for (var start = from; start <= to;)
        {
            var daysToMonday = (8 - (int)start.DayOfWeek) % 7;
            var next = interval == "week"
                ? start.AddDays(daysToMonday == 0 ? 7 : daysToMonday)
                : new DateOnly(start.Year, start.Month, 1).AddMonths(1);
            var end = next.AddDays(-1) < to ? next.AddDays(-1) : to;
            yield return (start, end);
            start = next;
        }
    }
}
