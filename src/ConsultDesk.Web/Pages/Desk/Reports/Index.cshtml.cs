using System.Globalization;
using ConsultDesk.Domain;
using ConsultDesk.Features.Reports;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk.Reports;

/// <summary>
/// The manager dashboard: the five report queries with the filters from the query string, drawn as inline SVG with a
/// table beside each chart. Every count links to the queue filtered so that it lists exactly the counted cases.
/// </summary>
[Authorize(Roles = ConsultDesk.Domain.Users.Roles.Manager + "," + ConsultDesk.Domain.Users.Roles.Admin)]
public sealed class IndexModel(ISender sender, ServiceLevel serviceLevel) : DeskPage
{
    /// <summary>Every status, for drill-downs that count finished cases too (the queue shows open ones by default).</summary>
    public const string AllStatuses = "new,triaged,in-consultation,in-support,matching,waiting-on-inquirer,resolved,closed";

    public static readonly CaseStatus[] OpenStatuses =
        [CaseStatus.New, CaseStatus.Triaged, CaseStatus.InConsultation, CaseStatus.InSupport, CaseStatus.Matching, CaseStatus.WaitingOnInquirer];

    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? InquirerType { get; set; }
    [BindProperty(SupportsGet = true)] public string? PrefectureCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Topic { get; set; }
    [BindProperty(SupportsGet = true)] public string? Assignee { get; set; }
    [BindProperty(SupportsGet = true)] public string Interval { get; set; } = "month";

    public ReportFilter Filter { get; private set; } = new(null, null, null, null, null, null);
    public CaseloadReport.Response? Caseload { get; private set; }
    public FlowReport.Response? Flow { get; private set; }
    public SpeedReport.Response? Speed { get; private set; }
    public FunnelReport.Response? Funnel { get; private set; }
    public GeographyReport.Response? Geography { get; private set; }
    public DeclarationReport.Response? Declarations { get; private set; }

    /// <summary>Consultants to filter by: everyone the reports name (the dashboard has no staff directory of its own).</summary>
    public IReadOnlyList<(string Id, string Name)> Consultants { get; private set; } = [];

    public bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Interval is not ("week" or "month")) Interval = "month";
        await TryAsync(async () =>
        {
            // The endpoints' own parser: a malformed value is the same validation message as on the API.
            Filter = ReportFilter.Parse(Request.Query);
            var f = Filter;
            Caseload = await sender.Send(f.QueryOf<CaseloadReport.Query>(), ct);
            Flow = await sender.Send(f.QueryOf<FlowReport.Query>() with { Interval = Interval }, ct);
            Speed = await sender.Send(f.QueryOf<SpeedReport.Query>(), ct);
            Funnel = await sender.Send(f.QueryOf<FunnelReport.Query>(), ct);
            Geography = await sender.Send(f.QueryOf<GeographyReport.Query>(), ct);
            Declarations = await sender.Send(new DeclarationReport.Query { From = f.From, To = f.To }, ct);
        });
        Consultants = (Caseload?.Consultants.Where(c => c.AssigneeId is not null).Select(c => (c.AssigneeId!.Value.ToString(), c.Name ?? c.AssigneeId!.Value.ToString())) ?? [])
            .Concat(Speed?.ByConsultant.Where(g => g.Key != "unassigned").Select(g => (g.Key, g.Name ?? g.Key)) ?? [])
            .DistinctBy(c => c.Item1).OrderBy(c => c.Item2, StringComparer.Ordinal).ToList();
    }

    /// <summary>The report's CSV with the page's filters (the API takes the staff cookie as well as bearer tokens).</summary>
    public string CsvUrl(string report) =>
        $"/api/v1/reports/{report}.csv" + QueryString.Create(Filter.ToQuery().Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))
            .Concat(report == "flow" ? [new KeyValuePair<string, string?>("interval", Interval)] : Array.Empty<KeyValuePair<string, string?>>()));

    /// <summary>
    /// The queue listing the counted cases: the dashboard's non-date filters, then the given pairs (a pair with a null
    /// value drops that key, e.g. to replace the assignee).
    /// </summary>
    public string QueueUrl(params (string Key, string? Value)[] pairs)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        foreach (var (key, value) in Filter.ToQuery())
            if (key is not ("from" or "to") && !pairs.Any(p => p.Key == key)) parameters.Add(new(key, value));
        parameters.AddRange(pairs.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        return "/desk" + QueryString.Create(parameters);
    }

    /// <summary>The caseload counts open cases submitted in the range when one is given, else all open cases.</summary>
    public (string, string?)[] CaseloadRange() => [("from", Date(Filter.From)), ("to", Date(Filter.To))];

    /// <summary>Funnel, speed and geography count cases submitted in the report's range (default: the last twelve months).</summary>
    public static (string, string?)[] Range(DateOnly from, DateOnly to) => [("from", Date(from)), ("to", Date(to)), ("status", AllStatuses)];

    public static string AssigneeKey(Guid? id) => id?.ToString() ?? "unassigned";

    /// <summary>
    /// The age bucket as a submitted-date range (age counts business days after submission up to today, JST), cut to
    /// the dashboard's own range; null when the two do not overlap.
    /// </summary>
    public (string, string?)[]? AgeRange(CaseloadReport.AgeBucket bucket, DateTime asOf)
    {
        var today = ConsultDesk.Domain.Calendar.JapanTime.DateOf(asOf);
        var to = CaseloadReport.LastDayAtLeast(serviceLevel.Calendar, today, bucket.FromBusinessDays);
        DateOnly? from = bucket.ToBusinessDays is { } upper ? CaseloadReport.LastDayAtLeast(serviceLevel.Calendar, today, upper).AddDays(1) : null;
        if (Filter.To is { } until && until < to) to = until;
        if (Filter.From is { } since && (from is null || since > from)) from = since;
        if (from is { } start && start > to) return null;
        return [("from", Date(from)), ("to", Date(to))];
    }

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Percent(double? ratio) => ratio is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Hours(double? hours) => hours?.ToString("0.##", CultureInfo.InvariantCulture) ?? "–";

    public string TypeName(string wire) => Wire.TryParse<InquirerType>(wire, out var type) ? InquirerTypeNames.Name(type, English) : wire;

    public string StageName(string key) => key switch
    {
        "intake" => ConsultDesk.Resources.Texts.ReportsStageIntake,
        "consultation" => ConsultDesk.Resources.Texts.ReportsStageConsultation,
        "support" => ConsultDesk.Resources.Texts.ReportsStageSupport,
        "matching" => ConsultDesk.Resources.Texts.ReportsStageMatching,
        _ => ConsultDesk.Resources.Texts.ReportsStageConcluded,
    };

    public string PeriodLabel(FlowReport.Period period) => Interval == "week"
        ? period.Start.ToString("MM-dd", CultureInfo.InvariantCulture)
        : period.Start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
