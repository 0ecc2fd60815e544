using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Reports;

/// <summary>
/// Action宣言 first accepted in a JST date range (default: the last twelve calendar months), per month (JST), per
/// prefecture (all 47), per industry (every JSIC division) and per commitment item of the accepted version. A
/// declaration withdrawn since still counts as accepted; the months also say how many of them are withdrawn now.
/// Each figure is one grouped query on the AcceptedAt index, never a load of the declarations.
/// </summary>
public static class DeclarationReport
{
    public sealed record Query : IQuery<Response>, IRoleRestrictedMessage, ISystemMessage
    {
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }

        public static IReadOnlyList<string> AllowedRoles => Roles.Supervisors;
    }

    /// <summary>One calendar month (JST) of the range; <see cref="Month"/> is its first day.</summary>
    public sealed record MonthCount(DateOnly Month, int Accepted, int Withdrawn);

    public sealed record PrefectureCount(string Code, string Name, string NameEn, int Accepted);

    public sealed record IndustryCount(string Code, string Name, string NameEn, int Accepted);

    /// <summary>A commitment item (inactive ones only when counted), in form order.</summary>
    public sealed record ItemCount(string Code, string Marker, string LabelJa, string LabelEn, bool Active, int Accepted);

    public sealed record Response(DateOnly From, DateOnly To, int Total, int Withdrawn, IReadOnlyList<MonthCount> Months,
        IReadOnlyList<PrefectureCount> Prefectures, IReadOnlyList<IndustryCount> Industries, IReadOnlyList<ItemCount> Items);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.To).Must((q, to) => q.From is not { } from || to is not { } until || (from <= until && until.DayNumber - from.DayNumber < ReportFilter.MaxDays))
                .WithMessage(_ => Texts.ReportRange);
            RuleFor(q => q.From).Must(d => d is null || d.Value.Year is >= 2000 and <= 2100).WithMessage(_ => Texts.ReportDate);
            RuleFor(q => q.To).Must(d => d is null || d.Value.Year is >= 2000 and <= 2100).WithMessage(_ => Texts.ReportDate);
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, TimeProvider clock) : IQueryHandler<Query, Response>
    {
        // A constant, so both providers translate the shift into the month grouping (Japan has no daylight saving time).
        private const int JapanOffsetHours = 9;

        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var (from, to) = new ReportFilter(query.From, query.To, null, null, null, null).RangeOrLastYear(clock.GetUtcNow().UtcDateTime);
            var start = JapanTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            var end = JapanTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            var accepted = db.Declarations.AsNoTracking().Where(d => d.AcceptedAt >= start && d.AcceptedAt < end);

            var months = await accepted
                .Select(d => new { Local = d.AcceptedAt!.Value.AddHours(JapanOffsetHours), Withdrawn = d.WithdrawnAt != null })
                .GroupBy(d => new { d.Local.Year, d.Local.Month })
                .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count(), Withdrawn = g.Count(d => d.Withdrawn) })
                .ToListAsync(cancellationToken);
            var prefectures = await accepted.GroupBy(d => d.PublicPrefectureCode)
                .Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var industries = await accepted.GroupBy(d => d.PublicIndustry)
                .Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var items = await db.DeclarationPublicItems.AsNoTracking()
                .Where(i => accepted.Any(d => d.Id == i.DeclarationId))
                .GroupBy(i => i.ItemCode)
                .Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var catalog = await db.DeclarationItems.AsNoTracking().Where(i => i.Kind == DeclarationItemKind.Commitment).ToListAsync(cancellationToken);

            var monthCounts = new List<MonthCount>();
            for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
            {
                var row = months.FirstOrDefault(m => m.Year == month.Year && m.Month == month.Month);
                monthCounts.Add(new MonthCount(month, row?.Count ?? 0, row?.Withdrawn ?? 0));
            }
            var itemCounts = catalog
                .Select(i => new ItemCount(i.Code, i.Marker, i.LabelJa, i.LabelEn, i.Active, items.FirstOrDefault(c => c.Code == i.Code)?.Count ?? 0))
                .Where(i => i.Active || i.Accepted > 0)
                .OrderBy(i => catalog.First(c => c.Code == i.Code).SortOrder).ThenBy(i => i.Code.Length).ThenBy(i => i.Code, StringComparer.Ordinal)
                .ToList();
            return new Response(from, to, monthCounts.Sum(m => m.Accepted), monthCounts.Sum(m => m.Withdrawn), monthCounts,
                Prefecture.All.Select(p => new PrefectureCount(p.Code, p.Name, p.NameEn, prefectures.FirstOrDefault(c => c.Code == p.Code)?.Count ?? 0)).ToList(),
                Industry.Divisions.Select(d => new IndustryCount(d.Code, d.Ja, d.En, industries.FirstOrDefault(c => c.Code == d.Code)?.Count ?? 0)).ToList(),
                itemCounts);
        }
    }
}
