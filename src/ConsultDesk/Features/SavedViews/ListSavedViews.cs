using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.SavedViews;

/// <summary>The signed-in user's own saved queue views, by name (nobody sees another's).</summary>
public static class ListSavedViews
{
    public sealed record Query : IQuery<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    /// <summary><see cref="Query"/> is the queue's query string: open <c>/desk?{query}</c> or <c>GET /api/v1/cases?{query}</c>.</summary>
    public sealed record Item(Guid Id, string Name, string Query);

    public sealed record Response(IReadOnlyList<Item> Items);

    public sealed class Handler(ConsultDeskDbContext db, ICurrentUser user) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var me = user.RequiredId();
            var items = await db.SavedViews.AsNoTracking().Where(v => v.UserId == me)
                .OrderBy(v => v.Name).Take(SavedView.MaxPerUser)
                .Select(v => new Item(v.Id, v.Name, v.Query))
                .ToListAsync(cancellationToken);
            return new Response(items);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/saved-views", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new Query(), ct)))
            .WithName(nameof(ListSavedViews)).WithSummary("My saved queue views").WithTags("Saved views");
}
