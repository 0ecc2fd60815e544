using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>
/// A round's scores as CSV (admins): one row per judge's score of one criterion, by entry, judge and criterion, read
/// from the database as the response is written.
/// </summary>
public static class ExportAwardScores
{
    public sealed record Query(Guid RoundId) : IQuery<AwardCsv.Export>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, AwardCsv.Export>
    {
        public async ValueTask<AwardCsv.Export> Handle(Query query, CancellationToken cancellationToken)
        {
            var round = await AwardRoundAccess.LoadAsync(db, query.RoundId, tracking: false, cancellationToken);
            return new AwardCsv.Export(round.Year, Records(round, cancellationToken));
        }

        private async IAsyncEnumerable<IReadOnlyList<string>> Records(Domain.Award.AwardRound round, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var english = AwardCsv.English;
            var categories = round.Categories.ToDictionary(c => c.Id);
            var criteria = round.Criteria.ToDictionary(c => c.Id);
            yield return english
                ? ["Entry ID", "Title", "Category code", "Category", "Judge", "Criterion code", "Criterion", "Weight", "Score", "Confidence", "Comment", "Updated (JST)"]
                : ["応募ID", "取組名", "部門コード", "部門", "審査員", "評価項目コード", "評価項目", "重み", "評点", "確信度", "コメント", "更新日時"];
            var rows = (from s in db.AwardScores.AsNoTracking()
                        join e in db.AwardEntries.AsNoTracking() on s.EntryId equals e.Id
                        where e.RoundId == round.Id
                        orderby s.EntryId, s.JudgeId, s.CriterionId
                        select new
                        {
                            s.EntryId, e.Title, e.CategoryId, s.CriterionId, s.Value, s.Confidence, s.Comment, s.UpdatedAt,
                            Judge = db.Users.Where(u => u.Id == s.JudgeId).Select(u => u.DisplayName).FirstOrDefault(),
                        })
                .AsAsyncEnumerable();
            await foreach (var s in rows.WithCancellation(cancellationToken))
            {
                var category = categories[s.CategoryId];
                var criterion = criteria.GetValueOrDefault(s.CriterionId);
                yield return [
                    s.EntryId.ToString("D"), s.Title, category.Code, category.Name(english), s.Judge ?? "", criterion?.Code ?? "", criterion?.Name(english) ?? "",
                    criterion is null ? "" : AwardCsv.Number(criterion.Weight), s.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    s.Confidence.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Comment ?? "", AwardCsv.Jst(s.UpdatedAt),
                ];
            }
        }
    }

    private static async Task Send(Guid id, HttpContext http, ISender sender, CancellationToken ct)
    {
        var export = await sender.Send(new Query(id), ct);
        await ExcelCsv.WriteAsync(http.Response, export.Records, $"award-{export.Year}-scores.csv", ct);
    }

    public static void MapEndpoint(IEndpointRouteBuilder api, IEndpointRouteBuilder app)
    {
        api.MapGet("/award/rounds/{id:guid}/scores.csv", Send)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(ExportAwardScores)).WithSummary("A round's scores as CSV, one row per score (admins)").WithTags("Award");
        app.MapGet("/desk/award/{id:guid}/scores.csv", Send).RequireAuthorization().ExcludeFromDescription();
    }
}
