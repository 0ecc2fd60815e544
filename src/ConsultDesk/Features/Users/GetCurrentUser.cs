using ConsultDesk.Common;
using ConsultDesk.Data;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Users;

public static class GetCurrentUser
{
    public sealed record Query : IQuery<UserModel>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Domain.Users.Roles.All;
    }

    public sealed class Handler(ConsultDeskDbContext db, ICurrentUser currentUser) : IQueryHandler<Query, UserModel>
    {
        public async ValueTask<UserModel> Handle(Query query, CancellationToken cancellationToken)
        {
            var id = currentUser.RequiredId();
            var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
                .Select(u => new
                {
                    u.Id, u.Email, u.DisplayName,
                    Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("User");
            return new UserModel(user.Id, user.Email!, user.DisplayName, user.Roles, false);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapGet("/users/me", async (ISender sender, CancellationToken cancellationToken) => TypedResults.Ok(await sender.Send(new Query(), cancellationToken)))
            .WithName(nameof(GetCurrentUser)).WithSummary("The signed-in user").WithTags("Users");
}
