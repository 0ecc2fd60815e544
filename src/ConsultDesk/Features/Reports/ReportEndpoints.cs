using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Common.Queries;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features.Reports;

/// <summary>
/// <c>GET /api/v1/reports/{caseload|flow|speed|funnel|geography|declarations}</c> as JSON, and the same with <c>.csv</c> as a CSV
/// file; the query string carries from/to (JST yyyy-MM-dd), inquirerType, prefectureCode, topic and assignee.
/// </summary>
public static class ReportEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        MapReport<CaseloadReport.Query, CaseloadReport.Response>(api, "caseload", f => f.QueryOf<CaseloadReport.Query>(),
            ReportCsv.Caseload, "Open cases per consultant and status, overdue, due soon and ages");
        MapReport<FlowReport.Query, FlowReport.Response>(api, "flow", (f, q) => f.QueryOf<FlowReport.Query>() with
        {
            Interval = new QueryParameters(q).Text("interval", "month"),
        }, ReportCsv.Flow, "Cases opened, resolved and closed per week or month, with the backlog");
        MapReport<SpeedReport.Query, SpeedReport.Response>(api, "speed", f => f.QueryOf<SpeedReport.Query>(),
            ReportCsv.Speed, "Time to first response and to resolution in desk hours, and SLA attainment");
        MapReport<FunnelReport.Query, FunnelReport.Response>(api, "funnel", f => f.QueryOf<FunnelReport.Query>(),
            ReportCsv.Funnel, "Intake to consultation, support, matching and concluded match, per inquirer type");
        MapReport<GeographyReport.Query, GeographyReport.Response>(api, "geography", f => f.QueryOf<GeographyReport.Query>(),
            ReportCsv.Geography, "Cases per prefecture and inquirer type");
        MapReport<DeclarationReport.Query, DeclarationReport.Response>(api, "declarations", f => new DeclarationReport.Query { From = f.From, To = f.To },
            ReportCsv.Declarations, "Action宣言 accepted per month, prefecture, industry and commitment item");
    }

    private static void MapReport<TQuery, TResponse>(IEndpointRouteBuilder api, string name, Func<ReportFilter, TQuery> query,
        Func<TResponse, bool, byte[]> csv, string summary) where TQuery : IQuery<TResponse> =>
        MapReport(api, name, (filter, _) => query(filter), csv, summary);

    private static void MapReport<TQuery, TResponse>(IEndpointRouteBuilder api, string name, Func<ReportFilter, IQueryCollection, TQuery> query,
        Func<TResponse, bool, byte[]> csv, string summary) where TQuery : IQuery<TResponse>
    {
        api.MapGet($"/reports/{name}", async (HttpRequest request, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(query(ReportFilter.Parse(request.Query), request.Query), ct)))
            .ProducesValidationProblem()
            .WithName($"Report-{name}").WithSummary(summary).WithTags("Reports");
        api.MapGet($"/reports/{name}.csv", async (HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                var report = await sender.Send(query(ReportFilter.Parse(request.Query), request.Query), ct);
                var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
                return TypedResults.File(csv(report, english), ExcelCsv.ContentType, FileName(name, request.Query));
            })
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .WithName($"Report-{name}-csv").WithSummary(summary + " (CSV, UTF-8 with BOM)").WithTags("Reports");
    }

    public static string FileName(string report, IQueryCollection query) =>
        $"consultdesk-{report}{(query["from"].ToString() is { Length: > 0 } from ? "-" + from : "")}{(query["to"].ToString() is { Length: > 0 } to ? "-" + to : "")}.csv";
}
