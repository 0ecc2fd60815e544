using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Users;

/// <summary>An admin enables a disabled user again: they sign in with their password as before (old sessions stay ended).</summary>
public static class EnableUser
{
    public sealed record Command(Guid Id) : ICommand<UserModel>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser currentUser, AccountAudit audit, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, UserModel>
    {
        public async ValueTask<UserModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = currentUser.RequiredId();
            var user = await StaffAccounts.FindAsync(db, command.Id, cancellationToken);
            var roles = await StaffAccounts.RoleNamesAsync(db, user.Id, cancellationToken);
            if (user.IsDisabled)
            {
                user.DisabledAt = null;
                user.RotateSecurityStamp();
                audit.Add(AccountEventKinds.Enabled, actor, user.Id);
                await gate.SaveChangesAsync(db, cancellationToken);
                logger.LogInformation("User {UserId} enabled by {ActorId}", user.Id, actor);
            }
            return StaffAccounts.ToModel(user, roles, clock.GetUtcNow());
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/users/{id:guid}/enable", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(new Command(id), cancellationToken)))
            .Produces<UserModel>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(EnableUser)).WithSummary("Enable a disabled user again (admins)").WithTags("Users");
}
