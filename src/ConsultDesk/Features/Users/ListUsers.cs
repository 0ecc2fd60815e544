using ConsultDesk.Common;
using ConsultDesk.Data;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Users;

public static class ListUsers
{
    public sealed record Query : IQuery<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Domain.Users.Roles.Admins;
    }

    public sealed record Response(IReadOnlyList<UserModel> Items);

    public sealed class Handler(ConsultDeskDbContext db, TimeProvider clock) : IQueryHandler<Query, Response>
    {
        public async ValueTask<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            // The staff of one desk is small; roles come in the same query, not one query per user.
            var users = await db.Users.AsNoTracking()
                .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
                .Take(1000)
                .Select(u => new
                {
                    u.Id, u.Email, u.DisplayName, u.LockoutEnd, u.DisabledAt,
                    Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                })
                .ToListAsync(cancellationToken);
            return new Response(users.Select(u => new UserModel(u.Id, u.Email!, u.DisplayName, u.Roles, u.LockoutEnd > now, u.DisabledAt != null)).ToList());
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/users", async (ISender sender, CancellationToken cancellationToken) => TypedResults.Ok(await sender.Send(new Query(), cancellationToken)))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName(nameof(ListUsers)).WithSummary("List staff users (admins)").WithTags("Users");
}
