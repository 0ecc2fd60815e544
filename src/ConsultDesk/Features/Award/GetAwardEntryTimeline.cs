using System.Text.Json.Nodes;
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
/// An entry's audit timeline, oldest first: every save, submission, assignment, conflict declaration, score change,
/// shortlisting and decision, with who (the user's display name; none for the entrant or the system) and when (JST).
/// </summary>
public static class GetAwardEntryTimeline
{
    public sealed record Query(Guid EntryId) : IQuery<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Supervisors;
    }

    /// <summary>One event; <see cref="Content"/> is what the event recorded (kebab-case type, camelCase fields).</summary>
    public sealed record Event(Guid Id, string Type, DateTimeOffset At, Actor? Actor, JsonObject Content);

    public sealed record Actor(Guid Id, string? DisplayName);

    public sealed record Response(IReadOnlyList<Event> Events);

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!await db.AwardEntries.AnyAsync(e => e.Id == query.EntryId, cancellationToken)) throw new NotFoundException("Award entry");
            var rows = await db.AwardEvents.AsNoTracking().Where(e => e.EntryId == query.EntryId)
                .OrderBy(e => e.At).ThenBy(e => e.Id)
                .Select(e => new { e.Id, e.Type, e.At, e.ActorId, e.Content, ActorName = db.Users.Where(u => u.Id == e.ActorId).Select(u => u.DisplayName).FirstOrDefault() })
                .ToListAsync(cancellationToken);
            return new Response([.. rows.Select(e => new Event(e.Id, e.Type, AwardRoundModel.Jst(e.At),
                e.ActorId is { } id ? new Actor(id, e.ActorName) : null, JsonNode.Parse(e.Content) as JsonObject ?? []))]);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/award/entries/{id:guid}/timeline", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(id), ct)))
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(GetAwardEntryTimeline)).WithSummary("An award entry's audit timeline with who and when (managers, admins)").WithTags("Award");
}
