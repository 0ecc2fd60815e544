using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Common.Queries;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Reporting;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Microsoft.AspNetCore.Http;

namespace ConsultDesk.Features.Reports;

/// <summary>
/// What every report takes: a JST date range (inclusive) on the day each report counts by, and the queue's filters.
/// Omitted dates mean the last twelve calendar months up to today (caseload: all open cases). Supervisors send them,
/// and so does the system (the monthly report mail, through the same pipeline).
/// </summary>
public interface IReportQuery : IRoleRestrictedMessage, ISystemMessage
{
    DateOnly? From { get; }
    DateOnly? To { get; }
    InquirerType? InquirerType { get; }
    string? PrefectureCode { get; }
    string? Topic { get; }
    /// <summary><c>unassigned</c> or a user id.</summary>
    string? Assignee { get; }
}

/// <summary>The filters every report query carries (each query adds its own options and the roles that may send it).</summary>
public abstract record ReportQuery
{
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }
        public InquirerType? InquirerType { get; init; }
        public string? PrefectureCode { get; init; }
        public string? Topic { get; init; }
        public string? Assignee { get; init; }
}

/// <summary>The filters as the endpoints and the dashboard read them from a query string, and as they apply to report rows.</summary>
public sealed record ReportFilter(DateOnly? From, DateOnly? To, InquirerType? InquirerType, string? PrefectureCode, string? Topic, string? Assignee)
{
    public const int MaxDays = 3661;

    public static ReportFilter Of(IReportQuery query) =>
        new(query.From, query.To, query.InquirerType, query.PrefectureCode, query.Topic, query.Assignee);

    /// <summary>A report query carrying these filters.</summary>
    public TQuery QueryOf<TQuery>() where TQuery : ReportQuery, new() =>
        new() { From = From, To = To, InquirerType = InquirerType, PrefectureCode = PrefectureCode, Topic = Topic, Assignee = Assignee };

    /// <summary>Reads from/to/inquirerType/prefectureCode/topic/assignee; a malformed value is a 400 naming the field.</summary>
    public static ReportFilter Parse(IQueryCollection query)
    {
        var q = new QueryParameters(query);
        var (from, to) = q.DateRange();
        return new(from, to, q.Enum<InquirerType>("inquirerType", Texts.InquirerTypeRequired), q.Text("prefectureCode"), q.Text("topic"), q.Text("assignee"));
    }

    /// <summary>The range a report covers: the given dates, or the twelve calendar months ending today (JST).</summary>
    public (DateOnly From, DateOnly To) RangeOrLastYear(DateTime nowUtc)
    {
        var today = JapanTime.DateOf(nowUtc);
        var to = To ?? today;
        var from = From ?? new DateOnly(to.Year, to.Month, 1).AddMonths(-11);
        return (from, to);
    }

    /// <summary>Whether any non-date filter is set (without one, reports can read their all-cases summaries).</summary>
    public bool FiltersCases => InquirerType is not null || PrefectureCode is not null || Topic is not null || Assignee is not null;

    /// <summary>Applies the non-date filters.</summary>
    public IQueryable<CaseReportRow> Apply(IQueryable<CaseReportRow> rows)
    {
        if (InquirerType is { } type) rows = rows.Where(r => r.InquirerType == type);
        if (PrefectureCode is { } prefecture) rows = rows.Where(r => r.PrefectureCode == prefecture);
        if (Topic is { } topic)
        {
            var bit = Domain.Topic.Bit(topic);
            rows = rows.Where(r => (r.TopicMask & bit) != 0);
        }
        if (Assignee == "unassigned") rows = rows.Where(r => r.AssigneeId == null);
        else if (Guid.TryParse(Assignee, out var assigneeId)) rows = rows.Where(r => r.AssigneeId == assigneeId);
        return rows;
    }

    /// <summary>The filters as query-string pairs (for drill-down and export links); dates as yyyy-MM-dd.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToQuery()
    {
        if (From is { } from) yield return new("from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (To is { } to) yield return new("to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (InquirerType is { } type) yield return new("inquirerType", Wire.Name(type));
        if (PrefectureCode is { } prefecture) yield return new("prefectureCode", prefecture);
        if (Topic is { } topic) yield return new("topic", topic);
        if (Assignee is { } assignee) yield return new("assignee", assignee);
    }
}

/// <summary>The rules every report query shares.</summary>
public abstract class ReportQueryValidator<TQuery> : AbstractValidator<TQuery> where TQuery : IReportQuery
{
    protected ReportQueryValidator()
    {
        RuleFor(q => q.To).Must((q, to) => q.From is not { } from || to is not { } until || (from <= until && until.DayNumber - from.DayNumber < ReportFilter.MaxDays))
            .WithMessage(_ => Texts.ReportRange);
        RuleFor(q => q.From).Must(d => d is null || d.Value.Year is >= 2000 and <= 2100).WithMessage(_ => Texts.ReportDate);
        RuleFor(q => q.To).Must(d => d is null || d.Value.Year is >= 2000 and <= 2100).WithMessage(_ => Texts.ReportDate);
        RuleFor(q => q.PrefectureCode).Must(p => p is null || Prefecture.IsValidCode(p)).WithMessage(_ => Texts.Prefecture);
        RuleFor(q => q.Topic).Must(t => t is null || Domain.Topic.IsKnown(t)).WithMessage(_ => Texts.TopicUnknown);
        RuleFor(q => q.Assignee).Must(a => a is null or "unassigned" || Guid.TryParse(a, out _)).WithMessage(_ => Texts.ReportAssignee);
    }
}
