using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Users;

/// <summary>
/// An admin disables a user (someone who left): they cannot sign in, and every cookie and bearer token they hold
/// stops working on its next request. Nothing is deleted; the cases they worked keep their name. An admin cannot
/// disable themselves, nor the last active admin.
/// </summary>
public static class DisableUser
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
            if (command.Id == actor) throw new ConflictException(Texts.UsersCannotDisableSelf);
            using (await gate.EnterAsync(cancellationToken))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var user = await StaffAccounts.FindAsync(db, command.Id, cancellationToken);
                var roles = await StaffAccounts.RoleNamesAsync(db, user.Id, cancellationToken);
                if (!user.IsDisabled)
                {
                    if (roles.Contains(Roles.Admin) && !await StaffAccounts.AnotherActiveAdminAsync(db, user.Id, cancellationToken))
                        throw new ConflictException(Texts.UsersLastAdmin);
                    user.DisabledAt = clock.GetUtcNow().UtcDateTime;
                    user.RotateSecurityStamp();
                    audit.Add(AccountEventKinds.Disabled, actor, user.Id);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    logger.LogInformation("User {UserId} disabled by {ActorId}", user.Id, actor);
                }
                return StaffAccounts.ToModel(user, roles, clock.GetUtcNow());
            }
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/users/{id:guid}/disable", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(new Command(id), cancellationToken)))
            .Produces<UserModel>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(DisableUser)).WithSummary("Disable a user (admins): no sign-in, every session ends at once").WithTags("Users");
}
