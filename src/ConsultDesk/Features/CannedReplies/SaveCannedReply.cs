using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;

namespace ConsultDesk.Features.CannedReplies;

/// <summary>
/// Creates (no <see cref="Command.Id"/>) or changes a canned reply. <see cref="Command.Shared"/> makes a new one shared,
/// which only an admin may do; whether an existing one is shared does not change.
/// </summary>
public static class SaveCannedReply
{
    public sealed record Command(Guid? Id, string? Name, string? Body, bool Shared) : ICommand<Guid>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).Required(() => Texts.CannedName).SingleLine(CannedReply.NameMaxLength, () => Texts.CannedName);
            RuleFor(c => c.Body).Required(() => Texts.CannedBody)
                .Must(b => b is null || JapaneseText.TextLength(b) <= CannedReply.BodyMaxLength)
                .WithMessage(_ => string.Format(Texts.TooLong, Texts.CannedBody, CannedReply.BodyMaxLength))
                .Must(JapaneseText.IsCleanMultiline).WithMessage(_ => string.Format(Texts.ControlCharacters, Texts.CannedBody));
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var name = command.Name!.Trim();
            var body = command.Body!.Trim();
            CannedReply reply;
            if (command.Id is { } id)
            {
                reply = await CannedReplyAccess.LoadForChangeAsync(db, id, user, cancellationToken);
                reply.Change(name, body, now);
            }
            else
            {
                if (command.Shared && !user.IsInRole(Roles.Admin)) throw new ForbiddenException(Texts.CannedOwnerOnly);
                reply = CannedReply.Create(command.Shared ? null : user.RequiredId(), name, body, now);
                db.CannedReplies.Add(reply);
            }
            await db.SaveChangesAsync(cancellationToken);
            return reply.Id;
        }
    }
}
