using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>
/// A round's entries as CSV (admins; the project's Excel-ready CSV): one row per entry in the order they were
/// started, one column per criterion's answer. Rows are read from the database as the response is written.
/// </summary>
public static class ExportAwardEntries
{
    public sealed record Query(Guid RoundId) : IQuery<AwardCsv.Export>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed class Handler(ConsultDeskDbContext db, LocalGovernmentDirectory directory) : IQueryHandler<Query, AwardCsv.Export>
    {
        public async ValueTask<AwardCsv.Export> Handle(Query query, CancellationToken cancellationToken)
        {
            var round = await AwardRoundAccess.LoadAsync(db, query.RoundId, tracking: false, cancellationToken);
            return new AwardCsv.Export(round.Year, Records(round, cancellationToken));
        }

        private async IAsyncEnumerable<IReadOnlyList<string>> Records(AwardRound round, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var english = AwardCsv.English;
            var criteria = round.Criteria.OrderBy(c => c.Order).ToList();
            var categories = round.Categories.ToDictionary(c => c.Id);
            IReadOnlyList<string> header = english
                ? ["Year", "Entry ID", "Category code", "Category", "Status", "Organisation", "Entrant kind", "Entrant declaration number",
                    "Entrant municipality code", "Entrant municipality", "Partner municipality code", "Partner municipality", "Partner declaration number",
                    "Title", "Period from", "Period to", "Submitted (JST)", "Shortlisted"]
                : ["年度", "応募ID", "部門コード", "部門", "状態", "団体名", "応募者区分", "応募者の宣言番号", "応募自治体コード", "応募自治体",
                    "連携自治体コード", "連携自治体", "連携団体の宣言番号", "取組名", "期間（開始）", "期間（終了）", "提出日時", "最終審査対象"];
            yield return [.. header, .. criteria.Select(c => $"{c.Name(english)} ({c.Code})"), english ? "Outcomes" : "成果"];

            var rows = db.AwardEntries.AsNoTracking().Where(e => e.RoundId == round.Id).OrderBy(e => e.Id)
                .Select(e => new
                {
                    e.Id, e.CategoryId, e.Status, e.OrganizationName, e.EntrantKind, e.EntrantMunicipalityCode, e.PartnerMunicipalityCode,
                    e.PartnerDeclarationNumber, e.Title, e.PeriodStart, e.PeriodEnd, e.SubmittedAt, e.Shortlisted, e.Answers, e.Outcomes,
                    Number = db.Declarations.Where(d => d.Id == e.DeclarationId).Select(d => d.Number).FirstOrDefault(),
                })
                .AsAsyncEnumerable();
            await foreach (var e in rows.WithCancellation(cancellationToken))
            {
                var category = categories[e.CategoryId];
                var answers = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(e.Answers) ?? [];
                yield return [
                    round.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Id.ToString("D"), category.Code, category.Name(english),
                    AwardLabels.Status(e.Status, english), e.OrganizationName, AwardLabels.EntrantKind(e.EntrantKind, english),
                    e.Number is { } n ? Declaration.FormatNumber(n) : "",
                    e.EntrantMunicipalityCode ?? "", ListAwardEntries.NameOf(directory, e.EntrantMunicipalityCode) ?? "",
                    e.PartnerMunicipalityCode ?? "", ListAwardEntries.NameOf(directory, e.PartnerMunicipalityCode) ?? "",
                    e.PartnerDeclarationNumber is { } p ? Declaration.FormatNumber(p) : "",
                    e.Title, e.PeriodStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    e.PeriodEnd?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    AwardCsv.Jst(e.SubmittedAt), e.Shortlisted ? (english ? "yes" : "○") : "",
                    .. criteria.Select(c => answers.GetValueOrDefault(c.Code) ?? ""), e.Outcomes,
                ];
            }
        }
    }

    private static async Task Send(Guid id, HttpContext http, ISender sender, CancellationToken ct)
    {
        var export = await sender.Send(new Query(id), ct);
        await ExcelCsv.WriteAsync(http.Response, export.Records, $"award-{export.Year}-entries.csv", ct);
    }

    public static void MapEndpoint(IEndpointRouteBuilder api, IEndpointRouteBuilder app)
    {
        api.MapGet("/award/rounds/{id:guid}/entries.csv", Send)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(ExportAwardEntries)).WithSummary("A round's entries as CSV (admins)").WithTags("Award");
        // The desk's link to the same file (the staff cookie).
        app.MapGet("/desk/award/{id:guid}/entries.csv", Send).RequireAuthorization().ExcludeFromDescription();
    }
}
