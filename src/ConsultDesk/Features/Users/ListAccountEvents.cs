using ConsultDesk.Common;
using ConsultDesk.Common.Queries;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Users;

/// <summary>The account audit list for admins: sign-in events and account changes, newest first, keyset-paged on (OccurredAt, Id).</summary>
public static class ListAccountEvents
{
    public sealed record Query : IQuery<Response>, IRoleRestrictedMessage
    {
        public int Limit { get; init; } = QueryParameters.DefaultLimit;
        public string? Cursor { get; init; }

        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed record Item(Guid Id, DateTime OccurredAt, Guid? ActorUserId, string? ActorName, Guid? SubjectUserId, string? SubjectName,
        string Kind, string? ClientIp);

    public sealed record Response(IReadOnlyList<Item> Items, string? NextCursor);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Limit).PageLimit();
            RuleFor(q => q.Cursor).PageCursor(c => KeysetCursor.TryDecode(c, out _, out Guid _));
        }
    }

    /// <summary>Every event newest first, with the names of the users involved (shared with the CSV export).</summary>
    internal static IQueryable<Item> NewestFirst(ConsultDeskDbContext db, string? after)
    {
        var rows = db.AccountEvents.AsNoTracking();
        if (KeysetCursor.TryDecode(after, out var at, out Guid id))
            rows = rows.After(e => e.OccurredAt, e => e.Id, at, id, descending: true, db.Database.IsNpgsql());
        return rows.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Select(e => new Item(e.Id, e.OccurredAt, e.ActorUserId,
                db.Users.Where(u => u.Id == e.ActorUserId).Select(u => u.DisplayName).FirstOrDefault(),
                e.SubjectUserId,
                db.Users.Where(u => u.Id == e.SubjectUserId).Select(u => u.DisplayName).FirstOrDefault(),
                e.Kind, e.ClientIp));
    }

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = await NewestFirst(db, query.Cursor).Take(query.Limit + 1).ToListAsync(cancellationToken);
            var next = page.Count > query.Limit ? KeysetCursor.Encode(page[query.Limit - 1].OccurredAt, page[query.Limit - 1].Id) : null;
            return new Response(page.Take(query.Limit).ToList(), next);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/users/audit", async (HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                var q = new QueryParameters(request.Query);
                var query = new Query { Limit = q.Limit(), Cursor = q.Cursor() };
                return TypedResults.Ok(await sender.Send(query, ct));
            })
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName(nameof(ListAccountEvents)).WithSummary("Account audit list: sign-ins and account changes, newest first (admins)").WithTags("Users");
}
