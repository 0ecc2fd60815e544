using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>
/// A judge's queue: their active assignments (a declared conflict removes one) with the entry's title and category,
/// the COI status and their own progress. Nothing else of the entry, never a name, never anyone else's score or a total.
/// </summary>
public static class ListJudgingAssignments
{
    public sealed record Query : IQuery<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => [Roles.Judge];
    }

    public sealed record Response(IReadOnlyList<Item> Items);

    /// <param name="Conflict">pending (declare first) or no-conflict.</param>
    /// <param name="Scored">How many criteria this judge has scored, of <paramref name="Criteria"/>.</param>
    public sealed record Item(Guid Id, int RoundYear, string RoundTitle, string Title, string CategoryCode, string CategoryName, string Conflict,
        int Scored, int Criteria, DateTime JudgingOpensAt, DateTime JudgingClosesAt, bool JudgingOpen);

    public sealed class Handler(ConsultDeskDbContext db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var judgeId = user.RequiredId();
            var now = clock.GetUtcNow().UtcDateTime;
            var english = AwardJudgingAccess.English;
            var rows = await (from a in db.AwardAssignments.AsNoTracking()
                              join e in db.AwardEntries.AsNoTracking() on a.EntryId equals e.Id
                              join c in db.AwardCategories.AsNoTracking() on e.CategoryId equals c.Id
                              join r in db.AwardRounds.AsNoTracking() on a.RoundId equals r.Id
                              where a.JudgeId == judgeId && a.Conflict != ConflictStatus.Conflict && e.Status == AwardEntryStatus.Submitted
                              select new
                              {
                                  a.Id, a.Conflict, a.AssignedAt, r.Year, RoundTitle = r.Title, r.JudgingOpensAt, r.JudgingClosesAt, r.PublishAt,
                                  e.Title, c.Code, c.NameJa, c.NameEn, c.Order, RoundId = r.Id,
                              }).ToListAsync(cancellationToken);
            var ids = rows.Select(r => r.Id).ToList();
            var scored = await db.AwardScores.AsNoTracking().Where(s => s.JudgeId == judgeId && ids.Contains(s.AssignmentId))
                .GroupBy(s => s.AssignmentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            var roundIds = rows.Select(r => r.RoundId).Distinct().ToList();
            var criteria = await db.AwardCriteria.AsNoTracking().Where(c => roundIds.Contains(c.RoundId))
                .GroupBy(c => c.RoundId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            var items = rows
                .OrderByDescending(r => r.Year).ThenBy(r => r.Order).ThenBy(r => r.AssignedAt).ThenBy(r => r.Id)
                .Select(r => new Item(r.Id, r.Year, r.RoundTitle, r.Title, r.Code, english && r.NameEn.Length > 0 ? r.NameEn : r.NameJa,
                    Domain.Wire.Name(r.Conflict), scored.GetValueOrDefault(r.Id), criteria.GetValueOrDefault(r.RoundId),
                    r.JudgingOpensAt, r.JudgingClosesAt, now >= r.JudgingOpensAt && now < r.JudgingClosesAt))
                .ToList();
            return new Response(items);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/award/judging/assignments", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new Query(), ct)))
            .WithName(nameof(ListJudgingAssignments)).WithSummary("The signed-in judge's assignments (title, category, COI status, own progress)").WithTags("Award judging");
}
