using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Features.Attachments;
using ConsultDesk.Features.FollowUps;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Portal;

/// <summary>
/// The inquirer writes to the desk from the portal: the message lands on the case like a mail reply would, waking a
/// case that waited on it and cancelling the reminders it no longer needs. Files go with it (<see cref="AttachmentIntake"/>),
/// read only once the token has opened the case.
/// </summary>
public static class ReplyFromPortal
{
    public const int MaxLength = 5_000;

    public sealed record Command(string? Token, string? Body) : ICommand<Unit>, IPublicMessage
    {
        public IReadOnlyList<IncomingFile> Attachments { get; init; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Body).Required(() => Texts.PortalReplyField)
                .Must(b => b is null || JapaneseText.TextLength(b.Trim()) <= MaxLength).WithMessage(_ => string.Format(Texts.TooLong, Texts.PortalReplyField, MaxLength))
                .Must(JapaneseText.IsCleanMultiline).WithMessage(_ => string.Format(Texts.ControlCharacters, Texts.PortalReplyField));
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, PortalLinks links, InquirerReplies replies, AttachmentIntake attachments, TimeProvider clock)
        : ICommandHandler<Command, Unit>
    {
        private const int Attempts = 3;

        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var body = command.Body!.Trim();
            // A bad token is refused before any file is read.
            await PortalAccess.OpenAsync(links, command.Token, clock.GetUtcNow().UtcDateTime, cancellationToken);
            using var files = await attachments.PrepareAsync(command.Attachments, cancellationToken);
            for (var attempt = 1; ; attempt++)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var @case = await PortalAccess.OpenAsync(links, command.Token, now, cancellationToken, track: true);
                var entry = await replies.ReceiveAsync(@case, new InquirerMessage("portal", Subject: null, body), now, cancellationToken);
                files.Store(db, @case.Id, entry.Id, now);
                try
                {
                    await gate.SaveChangesAsync(db, cancellationToken);
                    return Unit.Value;
                }
                catch (DbUpdateConcurrencyException) when (attempt < Attempts)
                {
                    // A consultant changed the case, or a reminder fired, between our read and our write. The inquirer
                    // cannot resolve that conflict: read the case again and land the message on it as it is now.
                    db.ChangeTracker.Clear();
                }
            }
        }
    }
}
