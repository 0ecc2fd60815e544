using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Reporting;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Reports;

/// <summary>
/// Open cases now: per consultant × status, unassigned, overdue and due soon (as the queue's due filter counts them),
/// and their ages in business days. A date range, when given, limits it to cases submitted in it.
/// </summary>
public static class CaseloadReport
{
    public sealed record Query : ReportQuery, IQuery<Response>, IReportQuery
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Supervisors;
    }

    /// <summary>One consultant's open cases; <see cref="AssigneeId"/> null is the unassigned row.</summary>
    public sealed record ConsultantLoad(Guid? AssigneeId, string? Name, IReadOnlyDictionary<string, int> ByStatus, int Total, int Overdue, int DueSoon);

    /// <summary>Open cases whose age is at least <see cref="FromBusinessDays"/> and below <see cref="ToBusinessDays"/> (none: no upper end).</summary>
    public sealed record AgeBucket(int FromBusinessDays, int? ToBusinessDays, int Count);

    public sealed record Response(DateTime AsOf, int Open, int Unassigned, int Overdue, int DueSoon,
        IReadOnlyList<ConsultantLoad> Consultants, IReadOnlyList<AgeBucket> Ages);

    /// <summary>Lower bounds of the age buckets: 0, 1–2, 3–4, 5–9, 10–19 and 20+ business days.</summary>
    public static readonly int[] AgeBounds = [0, 1, 3, 5, 10, 20];

    public sealed class Validator : ReportQueryValidator<Query>;

    public sealed class Handler(ConsultDeskDbContext db, ServiceLevel serviceLevel, TimeProvider clock) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var soon = serviceLevel.Calendar.AddDeskTime(now, serviceLevel.DueSoonDeskTime);
            var filter = ReportFilter.Of(query);
            var rows = filter.Apply(db.CaseReportRows.Where(r => r.FinishedOn == null));
            if (query.From is { } from) { var day = CaseReportRow.DayOf(from); rows = rows.Where(r => r.SubmittedOn >= day); }
            if (query.To is { } to) { var day = CaseReportRow.DayOf(to); rows = rows.Where(r => r.SubmittedOn <= day); }

            // Age ≥ n business days ⇔ submitted on or before the n-th cutoff; one grouped pass counts every bucket.
            var today = JapanTime.DateOf(now);
            var cutoffs = AgeBounds.Select(n => CaseReportRow.DayOf(LastDayAtLeast(serviceLevel.Calendar, today, n))).ToArray();
            int c1 = cutoffs[1], c2 = cutoffs[2], c3 = cutoffs[3], c4 = cutoffs[4], c5 = cutoffs[5];
            var groups = await rows
                .GroupBy(r => new { r.AssigneeId, r.Status })
                .Select(g => new
                {
                    g.Key.AssigneeId,
                    g.Key.Status,
                    Count = g.Count(),
                    Overdue = g.Sum(r => r.DueAt < now && r.Status != CaseStatus.WaitingOnInquirer ? 1 : 0),
                    DueSoon = g.Sum(r => r.DueAt >= now && r.DueAt <= soon && r.Status != CaseStatus.WaitingOnInquirer ? 1 : 0),
                    Age1 = g.Sum(r => r.SubmittedOn <= c1 ? 1 : 0),
                    Age2 = g.Sum(r => r.SubmittedOn <= c2 ? 1 : 0),
                    Age3 = g.Sum(r => r.SubmittedOn <= c3 ? 1 : 0),
                    Age4 = g.Sum(r => r.SubmittedOn <= c4 ? 1 : 0),
                    Age5 = g.Sum(r => r.SubmittedOn <= c5 ? 1 : 0),
                })
                .ToListAsync(cancellationToken);

            var ids = groups.Where(g => g.AssigneeId is not null).Select(g => g.AssigneeId!.Value).Distinct().ToList();
            var names = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

            var consultants = groups.GroupBy(g => g.AssigneeId)
                .Select(person => new ConsultantLoad(
                    person.Key,
                    person.Key is { } id ? names.GetValueOrDefault(id) : null,
                    person.ToDictionary(g => Wire.Name(g.Status), g => g.Count),
                    person.Sum(g => g.Count), person.Sum(g => g.Overdue), person.Sum(g => g.DueSoon)))
                .OrderBy(c => c.AssigneeId is null ? 0 : 1).ThenByDescending(c => c.Total).ThenBy(c => c.Name, StringComparer.Ordinal)
                .ToList();

            int open = groups.Sum(g => g.Count);
            int[] atLeast = [open, groups.Sum(g => g.Age1), groups.Sum(g => g.Age2), groups.Sum(g => g.Age3), groups.Sum(g => g.Age4), groups.Sum(g => g.Age5)];
            var ages = AgeBounds.Select((bound, i) => new AgeBucket(bound, i + 1 < AgeBounds.Length ? AgeBounds[i + 1] : null,
                atLeast[i] - (i + 1 < atLeast.Length ? atLeast[i + 1] : 0))).ToList();

            return new Response(now, open, groups.Where(g => g.AssigneeId is null).Sum(g => g.Count),
                groups.Sum(g => g.Overdue), groups.Sum(g => g.DueSoon), consultants, ages);
        }
    }

    /// <summary>
    /// The latest submission date whose age today is at least <paramref name="businessDays"/>: age counts the business
    /// days after the submission date up to and including today, so a case submitted today is 0 days old.
    /// </summary>
    public static DateOnly LastDayAtLeast(BusinessCalendar calendar, DateOnly today, int businessDays)
    {
        var day = today;
        for (var counted = 0; counted < businessDays; day = day.AddDays(-1))
            if (calendar.IsBusinessDay(day)) counted++;
        return day;
    }
}
