using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using Mediator;

namespace ConsultDesk.Features.CannedReplies;

/// <summary>Deletes a canned reply its author (for a shared one, an admin) no longer wants.</summary>
public static class DeleteCannedReply
{
    public sealed record Command(Guid Id) : ICommand, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Handler(ConsultDeskDbContext db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var reply = await CannedReplyAccess.LoadForChangeAsync(db, command.Id, user, cancellationToken);
            db.CannedReplies.Remove(reply);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
