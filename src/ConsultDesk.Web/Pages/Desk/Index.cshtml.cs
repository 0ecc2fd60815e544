using ConsultDesk.Common.Queries;
using ConsultDesk.Domain;
using ConsultDesk.Features.Cases;
using ConsultDesk.Features.SavedViews;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk;

/// <summary>
/// The queue page: the same query as GET /api/v1/cases, as a GET form that works without JavaScript; the result
/// count, keyset pages both ways, the user's saved views, and the selection that bulk actions (<see cref="BulkModel"/>) take.
/// </summary>
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
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }
    /// <summary>Rows per page, as the API's <c>limit</c> (1–100).</summary>
    [BindProperty(SupportsGet = true)] public int Limit { get; set; } = QueryParameters.DefaultLimit;
    /// <summary>The page's number, carried by the paging links only to show the position (keyset pages have no offset).</summary>
    [BindProperty(SupportsGet = true, Name = "pageNo")] public int PageNo { get; set; } = 1;

    /// <summary>Why saving a view failed, carried over the redirect back to the queue.</summary>
    [TempData] public string? ViewError { get; set; }

    public ListCases.Response Result { get; private set; } = new([], null);
    public IReadOnlyList<ListSavedViews.Item> Views { get; private set; } = [];
    public IReadOnlyList<ListAssignees.Item> Assignees { get; private set; } = [];

    /// <summary>The built-in suggestion every user has, next to their own views.</summary>
    public const string DueSoonMineQuery = "assignee=me&due=due-soon&sort=due";

    /// <summary>The status values, whether sent as repeated checkboxes or comma-separated (as the dashboard links do).</summary>
    public IReadOnlyList<string> StatusValues => Status.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    /// <summary>How many filters inside the collapsible part are set: it opens when any is.</summary>
    public int ActiveFilterCount =>
        (StatusValues.Count > 0 ? 1 : 0) + new[] { Assignee, InquirerType, PrefectureCode, Topic, Due, From, To }.Count(v => !string.IsNullOrEmpty(v))
        + (Sort is "due" or "" ? 0 : 1);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (PageNo < 1) PageNo = 1;
        if (ViewError is not null) Error = ViewError;
        Views = (await sender.Send(new ListSavedViews.Query(), cancellationToken)).Items;
        Assignees = await sender.Send(new ListAssignees.Query(), cancellationToken);
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
        var error = Error;
        await TryAsync(async () => Result = await sender.Send(CurrentQuery(statuses, from, to), cancellationToken));
        Error ??= error;
    }

    /// <summary>Saves the current filters as one of the user's views, then opens it.</summary>
    public async Task<IActionResult> OnPostSaveViewAsync(string? name, string? query, CancellationToken cancellationToken)
    {
        ListSavedViews.Item? saved = null;
        if (await TryAsync(async () => saved = await sender.Send(new SaveView.Command(name, query), cancellationToken)))
        {
            Flash = string.Format(Texts.QueueViewSaved, saved!.Name);
            return Redirect("/desk?" + saved.Query);
        }
        // Back to the same filters, with the reason on the page (a GET keeps the queue's URL the user was on).
        ViewError = Error;
        return Redirect("/desk?" + (query ?? "").TrimStart('?'));
    }

    private ListCases.Query CurrentQuery(IReadOnlyList<CaseStatus> statuses, DateOnly? from, DateOnly? to) => new()
    {
        Statuses = statuses,
        Assignee = string.IsNullOrEmpty(Assignee) ? null : Assignee,
        InquirerType = Wire.TryParse<InquirerType>(InquirerType, out var type) ? type : null,
        PrefectureCode = string.IsNullOrEmpty(PrefectureCode) ? null : PrefectureCode,
        Topic = string.IsNullOrEmpty(Topic) ? null : Topic,
        Due = string.IsNullOrEmpty(Due) ? null : Due,
        Q = string.IsNullOrWhiteSpace(Q) ? null : Q,
        Sort = Sort,
        Limit = Limit,
        Cursor = string.IsNullOrEmpty(Cursor) ? null : Cursor,
        Before = string.IsNullOrEmpty(Before) || !string.IsNullOrEmpty(Cursor) ? null : Before,
        From = from,
        To = to,
    };

    /// <summary>The first and last position of this page (1-based), from the page number the links carry.</summary>
    public (int First, int Last) Position()
    {
        var first = (PageNo - 1) * Limit + 1;
        return (first, first + Result.Items.Count - 1);
    }

    /// <summary>
    /// "N件", or "N件以上" when there may be more: past the count's cap, or for a frequent word the matches met from this
    /// page on, never fewer than the cases shown up to here.
    /// </summary>
    public string CountText() => Result.TotalCapped
        ? string.Format(Texts.QueueCountCapped, Math.Max(Result.Total, Position().Last).ToString("N0", System.Globalization.CultureInfo.InvariantCulture))
        : string.Format(Texts.QueueCount, Result.Total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Whether the search was an exact email, phone or reference lookup (null for a free-text search or none).</summary>
    public string? LookupText() => Result.Lookup is null ? null : !Result.LookupFound ? Texts.Lookup_NotFound : Result.Lookup switch
    {
        "email" => Texts.Lookup_Email,
        "phone" => Texts.Lookup_Phone,
        _ => Texts.Lookup_Reference,
    };

    /// <summary>The links to the pages on either side keep every filter.</summary>
    public string NextPageUrl() => "/desk" + Microsoft.AspNetCore.Http.QueryString.Create(PagingFilters(("cursor", Result.NextCursor), ("pageNo", (PageNo + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));

    public string PreviousPageUrl() => PageNo <= 2
        ? "/desk" + Microsoft.AspNetCore.Http.QueryString.Create(PagingFilters())
        : "/desk" + Microsoft.AspNetCore.Http.QueryString.Create(PagingFilters(("before", Result.PreviousCursor), ("pageNo", (PageNo - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>This page's filters as a query string (what a saved view stores).</summary>
    public string FilterQuery() => Microsoft.AspNetCore.Http.QueryString.Create(Filters()).Value?.TrimStart('?') ?? "";

    /// <summary>The case list as CSV with the queue's current filters (the API takes the staff cookie too).</summary>
    public string CsvUrl() => "/api/v1/cases.csv" + Microsoft.AspNetCore.Http.QueryString.Create(Filters());

    private List<KeyValuePair<string, string?>> Filters(params (string Key, string? Value)[] paging)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        // Comma-separated, as a saved view stores them, so the view's link and this page's filters compare equal.
        if (StatusValues.Count > 0) parameters.Add(new("status", string.Join(',', StatusValues.Distinct())));
        foreach (var (key, value) in new[] { ("assignee", Assignee), ("inquirerType", InquirerType), ("prefectureCode", PrefectureCode), ("topic", Topic), ("due", Due), ("q", Q), ("from", From), ("to", To), ("sort", Sort) }.Concat(paging))
            if (!string.IsNullOrEmpty(value)) parameters.Add(new(key, value));
        return parameters;
    }

    /// <summary>The filters plus the page size when it is not the default (paging links keep it; a saved view does not).</summary>
    private List<KeyValuePair<string, string?>> PagingFilters(params (string Key, string? Value)[] paging)
    {
        var parameters = Filters(paging);
        if (Limit != QueryParameters.DefaultLimit) parameters.Add(new("limit", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return parameters;
    }
}
