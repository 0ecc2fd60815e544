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
/// One round's settings (ETag <c>"v{Version}"</c>) and its overview: how many entries each category has in each
/// status, and how many are shortlisted. Managers and admins.
/// </summary>
public static class GetAwardRound
{
    public sealed record Query(Guid Id) : IQuery<Model>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Supervisors;
    }

    public sealed record Model(AwardRoundModel Round, IReadOnlyList<CategoryCount> Overview);

    /// <summary>Entries of one category in one status (categories without entries are left out).</summary>
    public sealed record CategoryCount(Guid CategoryId, AwardEntryStatus Status, int Count, int Shortlisted);

    public sealed class Handler(ConsultDeskDbContext db, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var round = await AwardRoundAccess.LoadAsync(db, query.Id, tracking: false, cancellationToken);
            var counts = await db.AwardEntries.AsNoTracking().Where(e => e.RoundId == round.Id)
                .GroupBy(e => new { e.CategoryId, e.Status })
                .Select(g => new CategoryCount(g.Key.CategoryId, g.Key.Status, g.Count(), g.Count(e => e.Shortlisted)))
                .ToListAsync(cancellationToken);
            return new Model(AwardRoundModel.Of(round, clock.GetUtcNow().UtcDateTime), counts);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/award/rounds/{id:guid}", async (Guid id, HttpResponse response, ISender sender, CancellationToken ct) =>
            {
                var model = await sender.Send(new Query(id), ct);
                Cases.CaseAccess.SetETag(response, model.Round.Version);
                return TypedResults.Ok(model);
            })
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(GetAwardRound)).WithSummary("An award round's settings and entry counts (managers, admins)").WithTags("Award");
}
