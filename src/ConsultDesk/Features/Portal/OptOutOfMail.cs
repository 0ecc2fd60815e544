using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Mail;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Portal;

/// <summary>
/// The inquirer stops non-essential mail (reminders, surveys) for their address, from the portal or a mail
/// provider's one-click unsubscribe (RFC 8058). Asking twice changes nothing; essential mail still goes.
/// </summary>
public static class OptOutOfMail
{
    public sealed record Command(string? Token, OptOutChannel Via) : ICommand<Response>, IPublicMessage;

    public sealed record Response(bool AlreadyOptedOut);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Via).Must(v => v is OptOutChannel.Portal or OptOutChannel.OneClick);
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, PortalLinks links, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            // The unsubscribe link of an old mail keeps working after the link expired or was replaced: it only stops mail.
            var @case = await PortalAccess.OpenAsync(links, command.Token, now, cancellationToken, forOptOut: true);
            if (await IsOptedOutAsync(@case, cancellationToken)) return new Response(AlreadyOptedOut: true);

            db.MailOptOuts.Add(MailOptOut.For(@case, command.Via, now));
            CaseTimeline.Record(db, TimelineEntry.Create(@case.Id, "opted-out", now, new { via = Wire.Name(command.Via) }));
            try
            {
                await gate.SaveChangesAsync(db, cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two requests at once (a person's click and their mail provider's one-click): the first one counts.
                db.ChangeTracker.Clear();
                if (await IsOptedOutAsync(@case, cancellationToken)) return new Response(AlreadyOptedOut: true);
                throw;
            }
            logger.LogInformation("The inquirer of case {CaseId} opted out of non-essential mail via {Via}", @case.Id, Wire.Name(command.Via));
            return new Response(AlreadyOptedOut: false);
        }

        private Task<bool> IsOptedOutAsync(Case @case, CancellationToken cancellationToken) =>
            db.MailOptOuts.AnyAsync(o => o.EmailNormalized == @case.EmailNormalized, cancellationToken);
    }
}
