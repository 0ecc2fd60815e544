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

/// <summary>Every round, newest year first, with its phase now and its entry counts (one round a year: a short list). Managers and admins.</summary>
public static class ListAwardRounds
{
    public sealed record Query : IQuery<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Supervisors;
    }

    public sealed record Item(Guid Id, int Year, string Title, AwardPhase Phase, bool Locked, DateTimeOffset EntryOpensAt, DateTimeOffset EntryClosesAt,
        DateTimeOffset JudgingOpensAt, DateTimeOffset JudgingClosesAt, DateTimeOffset PublishAt, JudgingMode Mode, ScoreAggregation Aggregation,
        int Entries, int Submitted, int Drafts, int Withdrawn);

    public sealed record Response(IReadOnlyList<Item> Items);

    public sealed class Handler(ConsultDeskDbContext db, TimeProvider clock) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var rounds = await db.AwardRounds.AsNoTracking().OrderByDescending(r => r.Year).ToListAsync(cancellationToken);
            var ids = rounds.Select(r => r.Id).ToList();
            var counts = (await db.AwardEntries.AsNoTracking().Where(e => ids.Contains(e.RoundId))
                    .GroupBy(e => new { e.RoundId, e.Status }).Select(g => new { g.Key.RoundId, g.Key.Status, Count = g.Count() })
                    .ToListAsync(cancellationToken))
                .ToLookup(c => c.RoundId);
            return new Response([.. rounds.Select(r =>
            {
                int Of(AwardEntryStatus status) => counts[r.Id].Where(c => c.Status == status).Sum(c => c.Count);
                return new Item(r.Id, r.Year, r.Title, r.PhaseAt(now), r.IsLocked(now), AwardRoundModel.Jst(r.EntryOpensAt), AwardRoundModel.Jst(r.EntryClosesAt),
                    AwardRoundModel.Jst(r.JudgingOpensAt), AwardRoundModel.Jst(r.JudgingClosesAt), AwardRoundModel.Jst(r.PublishAt), r.Mode, r.Aggregation,
                    counts[r.Id].Sum(c => c.Count), Of(AwardEntryStatus.Submitted), Of(AwardEntryStatus.Draft), Of(AwardEntryStatus.Withdrawn));
            })]);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/award/rounds", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new Query(), ct)))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName(nameof(ListAwardRounds)).WithSummary("Award rounds with their phase and entry counts (managers, admins)").WithTags("Award");
}
