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

/// <summary>Every decision of a round, current and reopened, newest first per category: who decided and reopened, when and why (admins and managers).</summary>
public static class ListAwardDecisions
{
    public sealed record Query(Guid RoundId) : IQuery<IReadOnlyList<Decision>>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Supervisors;
    }

    public sealed record Winner(Guid EntryId, string OrganizationName, string Title);

    public sealed record Decision(Guid Id, Guid RoundId, Guid CategoryId, string CategoryCode, bool Current, IReadOnlyList<Winner> Winners, string Review,
        DateTime DecidedAt, Guid DecidedBy, string? DecidedByName, DateTime? ReopenedAt, Guid? ReopenedBy, string? ReopenedByName, string? ReopenReason);

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Decision>>
    {
        public async ValueTask<IReadOnlyList<Decision>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!await db.AwardRounds.AnyAsync(r => r.Id == query.RoundId, cancellationToken)) throw new NotFoundException("Award round");
            return await ReadAsync(db, query.RoundId, null, cancellationToken);
        }
    }

    /// <summary>The round's decisions (or only <paramref name="decisionId"/>), in category order, newest first.</summary>
    public static async Task<IReadOnlyList<Decision>> ReadAsync(ConsultDeskDbContext db, Guid roundId, Guid? decisionId, CancellationToken cancellationToken)
    {
        var rows = await db.AwardDecisions.AsNoTracking()
            .Where(d => d.RoundId == roundId && (decisionId == null || d.Id == decisionId))
            .Join(db.AwardCategories, d => d.CategoryId, c => c.Id, (d, c) => new
            {
                Decision = d,
                c.Code,
                c.Order,
                DecidedByName = db.Users.Where(u => u.Id == d.DecidedBy).Select(u => u.DisplayName).FirstOrDefault(),
                ReopenedByName = db.Users.Where(u => u.Id == d.ReopenedBy).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var winnerIds = rows.SelectMany(r => r.Decision.ReadWinners()).Distinct().ToList();
        var entries = await db.AwardEntries.AsNoTracking().Where(e => winnerIds.Contains(e.Id))
            .Select(e => new Winner(e.Id, e.OrganizationName, e.Title)).ToDictionaryAsync(e => e.EntryId, cancellationToken);
        return [.. rows.OrderBy(r => r.Order).ThenByDescending(r => r.Decision.DecidedAt).ThenByDescending(r => r.Decision.Id)
            .Select(r => new Decision(r.Decision.Id, r.Decision.RoundId, r.Decision.CategoryId, r.Code, r.Decision.ReopenedAt is null,
                [.. r.Decision.ReadWinners().Select(id => entries.GetValueOrDefault(id) ?? new Winner(id, "", ""))], r.Decision.Review,
                r.Decision.DecidedAt, r.Decision.DecidedBy, r.DecidedByName, r.Decision.ReopenedAt, r.Decision.ReopenedBy, r.ReopenedByName, r.Decision.ReopenReason))];
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/award/rounds/{id:guid}/decisions", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new Query(id), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(ListAwardDecisions))
            .WithSummary("The decisions of a round, with their history")
            .WithDescription("Admins and managers. Every decision, current or reopened, by category order and newest first: winners, 審査講評, decided by/at, reopened by/at and the reason.")
            .WithTags("Award");
}
