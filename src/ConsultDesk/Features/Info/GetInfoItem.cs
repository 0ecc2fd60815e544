using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features.Info;

/// <summary>One item as the editor sees it, whatever its status (ETag <c>"v{Version}"</c>).</summary>
public static class GetInfoItem
{
    public sealed record Query(Guid Id) : IQuery<InfoItemModel>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.InfoEditors;
    }

    public sealed class Handler(ConsultDeskDbContext db) : IQueryHandler<Query, InfoItemModel>
    {
        public async ValueTask<InfoItemModel> Handle(Query query, CancellationToken cancellationToken) =>
            await InfoEditAccess.ModelAsync(db, await InfoEditAccess.LoadAsync(db, query.Id, tracking: false, cancellationToken), cancellationToken);
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/info/items/{id:guid}", async (Guid id, HttpResponse response, ISender sender, CancellationToken ct) =>
            {
                var item = await sender.Send(new Query(id), ct);
                Cases.CaseAccess.SetETag(response, item.Version);
                return TypedResults.Ok(item);
            })
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(GetInfoItem)).WithSummary("A portal item for editing, in any status (editors, managers, admins)").WithTags("Info");
}
