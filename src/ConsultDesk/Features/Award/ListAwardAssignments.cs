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
/// The judging assignments of a round, per category: each submitted entry (title, organisation — admins see names)
/// with its judges and each assignment's conflict-of-interest status, and the judges who can be assigned.
/// </summary>
public static class ListAwardAssignments
{
    public sealed record Query(Guid RoundId) : IQuery<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Supervisors;
    }

    public sealed record Response(RoundInfo Round, IReadOnlyList<CategoryItem> Categories, IReadOnlyList<AwardJudgingAccess.JudgeItem> Judges);

    public sealed record RoundInfo(Guid Id, int Year, string Title, string Mode, DateTime JudgingOpensAt, DateTime JudgingClosesAt, bool CanAssign);

    public sealed record CategoryItem(Guid Id, string Code, string Name, IReadOnlyList<EntryItem> Entries);

    public sealed record EntryItem(Guid Id, string Title, string OrganizationName, IReadOnlyList<AssignmentItem> Assignments);

    /// <param name="Conflict">pending, no-conflict or conflict (a declared conflict ended the assignment).</param>
    /// <param name="ScoreCount">How many criteria the judge has scored (admins only; 0 means it can be removed).</param>
    public sealed record AssignmentItem(Guid Id, Guid JudgeId, string JudgeName, string Conflict, string? ConflictNote, DateTime AssignedAt,
        DateTime? DeclaredAt, int ScoreCount);

    public sealed class Handler(ConsultDeskDbContext db, TimeProvider clock) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var round = await AwardJudgingAccess.RoundAsync(db, query.RoundId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var entries = await db.AwardEntries.AsNoTracking()
                .Where(e => e.RoundId == round.Id && e.Status == AwardEntryStatus.Submitted)
                .OrderBy(e => e.SubmittedAt).ThenBy(e => e.Id)
                .Select(e => new { e.Id, e.CategoryId, e.Title, e.OrganizationName })
                .ToListAsync(cancellationToken);
            var assignments = await db.AwardAssignments.AsNoTracking().Where(a => a.RoundId == round.Id).ToListAsync(cancellationToken);
            var scoreCounts = await db.AwardScores.AsNoTracking()
                .Where(s => db.AwardAssignments.Any(a => a.Id == s.AssignmentId && a.RoundId == round.Id))
                .GroupBy(s => s.AssignmentId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            var judgeIds = assignments.Select(a => a.JudgeId).Distinct().ToList();
            var names = await db.Users.AsNoTracking().Where(u => judgeIds.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
            var english = AwardJudgingAccess.English;

            var categories = round.Categories.OrderBy(c => c.Order).Select(c => new CategoryItem(c.Id, c.Code, c.Name(english),
                entries.Where(e => e.CategoryId == c.Id).Select(e => new EntryItem(e.Id, e.Title, e.OrganizationName,
                    assignments.Where(a => a.EntryId == e.Id).OrderBy(a => a.AssignedAt).ThenBy(a => a.Id)
                        .Select(a => new AssignmentItem(a.Id, a.JudgeId, names.GetValueOrDefault(a.JudgeId, "?"), Domain.Wire.Name(a.Conflict),
                            a.ConflictNote, a.AssignedAt, a.DeclaredAt, scoreCounts.GetValueOrDefault(a.Id)))
                        .ToList())).ToList())).ToList();
            return new Response(
                new RoundInfo(round.Id, round.Year, round.Title, Domain.Wire.Name(round.Mode), round.JudgingOpensAt, round.JudgingClosesAt, !round.IsJudgingClosed(now)),
                categories, await AwardJudgingAccess.JudgesAsync(db, cancellationToken));
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/award/rounds/{id:guid}/assignments", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(id), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(ListAwardAssignments)).WithSummary("A round's judging assignments per category, with COI status").WithTags("Award");
}
