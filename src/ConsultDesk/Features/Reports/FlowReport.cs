using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Reporting;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Reports;

/// <summary>
/// Cases opened, resolved and closed per week (Monday to Sunday) or calendar month, and the backlog (cases open) at the
/// end of each period. Each count is one grouped query over an indexed day column, never a scan of the cases.
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

    public sealed class Handler(ConsultDeskDbContext db, TimeProvider clock) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var (from, to) = ReportFilter.Of(query).RangeOrLastYear(clock.GetUtcNow().UtcDateTime);
            var rows = ReportFilter.Of(query).Apply(db.CaseReportRows);
            int first = CaseReportRow.DayOf(from), last = CaseReportRow.DayOf(to);

            var opened = await rows.Where(r => r.SubmittedOn >= first && r.SubmittedOn <= last)
                .GroupBy(r => r.SubmittedOn).Select(g => new { Day = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Day, g => g.Count, cancellationToken);
            var resolved = await rows.Where(r => r.ResolvedOn >= first && r.ResolvedOn <= last)
                .GroupBy(r => r.ResolvedOn!.Value).Select(g => new { Day = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Day, g => g.Count, cancellationToken);
            var closed = await rows.Where(r => r.ClosedOn >= first && r.ClosedOn <= last)
                .GroupBy(r => r.ClosedOn!.Value).Select(g => new { Day = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Day, g => g.Count, cancellationToken);
            var finished = await rows.Where(r => r.FinishedOn >= first && r.FinishedOn <= last)
                .GroupBy(r => r.FinishedOn!.Value).Select(g => new { Day = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Day, g => g.Count, cancellationToken);
            // Open at the start = submitted before it − finished before it (a case finishes after it is submitted).
            var backlog = await rows.CountAsync(r => r.SubmittedOn < first, cancellationToken)
                - await rows.CountAsync(r => r.FinishedOn < first, cancellationToken);
            var atStart = backlog;

            var periods = new List<Period>();
            foreach (var (start, end) in Periods(from, to, query.Interval))
            {
                int o = 0, r = 0, c = 0, f = 0;
                for (var day = start; day <= end; day = day.AddDays(1))
                {
                    var key = CaseReportRow.DayOf(day);
                    o += opened.GetValueOrDefault(key);
                    r += resolved.GetValueOrDefault(key);
                    c += closed.GetValueOrDefault(key);
                    f += finished.GetValueOrDefault(key);
                }
                backlog += o - f;
                periods.Add(new Period(start, end, o, r, c, backlog));
            }
            return new Response(from, to, query.Interval, atStart, periods);
        }
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
