using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Users;

/// <summary>An admin sends a user a one-time password reset link (through the outbox). The current password keeps working until the link is used.</summary>
public static class SendPasswordReset
{
    public sealed record Command(Guid Id) : ICommand<Unit>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser currentUser, AccountAudit audit, PasswordResetMail mail,
        TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = currentUser.RequiredId();
            var user = await StaffAccounts.FindAsync(db, command.Id, cancellationToken);
            if (user.IsDisabled) throw new ConflictException(Texts.UsersDisabledNoReset);
            var queued = mail.Queue(user, clock.GetUtcNow().UtcDateTime);
            audit.Add(AccountEventKinds.PasswordResetRequested, actor, user.Id);
            await gate.SaveChangesAsync(db, cancellationToken);
            logger.LogInformation("Password reset mail {OutboxMailId} queued for user {UserId} by {ActorId}", queued.Id, user.Id, actor);
            return Unit.Value;
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/users/{id:guid}/password-reset", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
            {
                await sender.Send(new Command(id), cancellationToken);
                return TypedResults.Accepted((string?)null);
            })
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(SendPasswordReset)).WithSummary("Mail a user a one-time password reset link (admins)").WithTags("Users");
}
