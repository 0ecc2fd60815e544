using ConsultDesk.Common.Queries;
using ConsultDesk.Domain;
using ConsultDesk.Features.Cases;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk;

/// <summary>The queue page: the same query as GET /api/v1/cases, as a GET form that works without JavaScript.</summary>
public sealed class IndexModel(ISender sender) : DeskPage
{
    [BindProperty(SupportsGet = true)] public string[] Status { get; set; } = [];
    [BindProperty(SupportsGet = true)] public string? Assignee { get; set; }
    [BindProperty(SupportsGet = true)] public string? InquirerType { get; set; }
    [BindProperty(SupportsGet = true)] public string? PrefectureCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Topic { get; set; }
    [BindProperty(SupportsGet = true)] public string? Due { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>Submitted on or after / on or before (JST, yyyy-MM-dd): the dashboard's drill-down links carry them.</summary>
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "due";
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public ListCases.Response Result { get; private set; } = new([], null);

    /// <summary>The status values, whether sent as repeated checkboxes or comma-separated (as the dashboard links do).</summary>
    public IReadOnlyList<string> StatusValues => Status.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var statuses = StatusValues.Select(s => Wire.TryParse<CaseStatus>(s, out var v) ? v : (CaseStatus?)null).OfType<CaseStatus>().ToList();
        DateOnly? from, to;
        try
        {
            (from, to) = new QueryParameters(Request.Query).DateRange();
        }
        catch (ValidationException)
        {
            Error = Texts.ReportDate;
            return;
        }
        var query = new ListCases.Query
        {
            Statuses = statuses,
            Assignee = string.IsNullOrEmpty(Assignee) ? null : Assignee,
            InquirerType = Wire.TryParse<InquirerType>(InquirerType, out var type) ? type : null,
            PrefectureCode = string.IsNullOrEmpty(PrefectureCode) ? null : PrefectureCode,
            Topic = string.IsNullOrEmpty(Topic) ? null : Topic,
            Due = string.IsNullOrEmpty(Due) ? null : Due,
            Q = string.IsNullOrWhiteSpace(Q) ? null : Q,
            Sort = Sort,
            Cursor = string.IsNullOrEmpty(Cursor) ? null : Cursor,
            From = from,
            To = to,
        };
        await TryAsync(async () => Result = await sender.Send(query, cancellationToken));
    }

    /// <summary>The link to the next page keeps every filter.</summary>
    public string NextPageUrl() => "/desk" + Microsoft.AspNetCore.Http.QueryString.Create(Filters(Result.NextCursor));

    /// <summary>The case list as CSV with the queue's current filters (the API takes the staff cookie too).</summary>
    public string CsvUrl() => "/api/v1/cases.csv" + Microsoft.AspNetCore.Http.QueryString.Create(Filters(null));

    private List<KeyValuePair<string, string?>> Filters(string? cursor)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        parameters.AddRange(StatusValues.Select(s => new KeyValuePair<string, string?>("status", s)));
        foreach (var (key, value) in new[] { ("assignee", Assignee), ("inquirerType", InquirerType), ("prefectureCode", PrefectureCode), ("topic", Topic), ("due", Due), ("q", Q), ("from", From), ("to", To), ("sort", Sort), ("cursor", cursor) })
            if (!string.IsNullOrEmpty(value)) parameters.Add(new(key, value));
        return parameters;
    }
}
