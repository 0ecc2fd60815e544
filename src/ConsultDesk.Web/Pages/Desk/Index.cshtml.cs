using ConsultDesk.Domain;
using ConsultDesk.Features.Cases;
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
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "due";
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public ListCases.Response Result { get; private set; } = new([], null);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var statuses = Status.Select(s => Wire.TryParse<CaseStatus>(s, out var v) ? v : (CaseStatus?)null).OfType<CaseStatus>().ToList();
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
        };
        await TryAsync(async () => Result = await sender.Send(query, cancellationToken));
    }

    /// <summary>The link to the next page keeps every filter.</summary>
    public string NextPageUrl()
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        parameters.AddRange(Status.Select(s => new KeyValuePair<string, string?>("status", s)));
        foreach (var (key, value) in new[] { ("assignee", Assignee), ("inquirerType", InquirerType), ("prefectureCode", PrefectureCode), ("topic", Topic), ("due", Due), ("q", Q), ("sort", Sort), ("cursor", Result.NextCursor) })
            if (!string.IsNullOrEmpty(value)) parameters.Add(new(key, value));
        return "/desk" + Microsoft.AspNetCore.Http.QueryString.Create(parameters);
    }
}
