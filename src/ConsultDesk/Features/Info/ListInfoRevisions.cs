using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Info;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Info;

/// <summary>An item's revision history, newest first: number, who, when, action, changed fields and note.</summary>
public static class ListInfoRevisions
{
    public sealed record Query(Guid ItemId) : IQuery<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.InfoEditors;
    }

    public sealed record Row(int Number, DateTime At, Guid? UserId, string ActorName, InfoRevisionAction Action,
        IReadOnlyList<string> ChangedFields, string? Note, InfoStatus Status);

    public sealed record Response(Guid ItemId, InfoKind Kind, string Slug, string Title, IReadOnlyList<Row> Revisions);

    public static Row RowOf(InfoRevision r) => new(r.Number, InfoItemModel.Utc(r.At), r.UserId, r.ActorName, r.Action,
        r.ChangedFields.Length == 0 ? [] : r.ChangedFields.Split(' '), r.Note, r.Status);

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var item = await InfoEditAccess.LoadAsync(db, query.ItemId, tracking: false, cancellationToken);
            var revisions = await db.InfoRevisions.AsNoTracking().Where(r => r.ItemId == item.Id).OrderByDescending(r => r.Number).ToListAsync(cancellationToken);
            return new Response(item.Id, item.Kind, item.Slug, item.Title, [.. revisions.Select(RowOf)]);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/info/items/{id:guid}/revisions", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new Query(id), ct)))
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(ListInfoRevisions)).WithSummary("A portal item's revision history (editors, managers, admins)").WithTags("Info");
}

/// <summary>One revision's content and the previous revision's, for the history's per-field comparison.</summary>
public static class GetInfoRevision
{
    public sealed record Query(Guid ItemId, int Number) : IQuery<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.InfoEditors;
    }

    public sealed record Response(Guid ItemId, InfoKind Kind, string Slug, ListInfoRevisions.Row Revision, InfoContent Content, InfoContent? Previous);

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var item = await InfoEditAccess.LoadAsync(db, query.ItemId, tracking: false, cancellationToken);
            var revisions = await db.InfoRevisions.AsNoTracking().Where(r => r.ItemId == item.Id && (r.Number == query.Number || r.Number == query.Number - 1))
                .ToListAsync(cancellationToken);
            var revision = revisions.SingleOrDefault(r => r.Number == query.Number) ?? throw new NotFoundException("Info revision");
            return new Response(item.Id, item.Kind, item.Slug, ListInfoRevisions.RowOf(revision), revision.Content,
                revisions.SingleOrDefault(r => r.Number == query.Number - 1)?.Content);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/info/items/{id:guid}/revisions/{number:int}", async (Guid id, int number, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(id, number), ct)))
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(GetInfoRevision)).WithSummary("One revision's content and the one before it (editors, managers, admins)").WithTags("Info");
}
