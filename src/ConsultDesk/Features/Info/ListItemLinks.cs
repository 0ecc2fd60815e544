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

/// <summary>One item's links (main link first) and their last verdicts (editors).</summary>
public static class ListItemLinks
{
    public sealed record Query(Guid ItemId) : IQuery<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.InfoEditors;
    }

    public sealed record Response(Guid ItemId, string Title, InfoKind Kind, InfoStatus Status, IReadOnlyList<InfoLinkRow> Links);

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken) => await LoadAsync(db, query.ItemId, cancellationToken);
    }

    internal static async Task<Response> LoadAsync(ConsultDeskDbContext db, Guid itemId, CancellationToken cancellationToken)
    {
        var item = await db.InfoItems.AsNoTracking().Where(i => i.Id == itemId).Select(i => new { i.Title, i.Kind, i.Status })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Info item");
        var rows = await ListInfoLinks.Rows(db, db.InfoLinks.AsNoTracking().Where(l => l.ItemId == itemId))
            .ToListAsync(cancellationToken);
        var links = rows.OrderByDescending(r => r.IsMain).ThenBy(r => r.Url, StringComparer.Ordinal).Select(r => r.ToRow()).ToList();
        return new Response(itemId, item.Title, item.Kind, item.Status, links);
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/info/items/{id:guid}/links", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new Query(id), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName(nameof(ListItemLinks))
            .WithSummary("One portal item's links and the link checker's verdicts (editors)")
            .WithTags("Info");
}
