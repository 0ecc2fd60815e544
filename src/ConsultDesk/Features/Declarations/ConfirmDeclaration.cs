using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// The contact confirms the declaration from the page the mailed link opens (a POST: a mail scanner fetching the link
/// confirms nothing). The declaration enters review. Illegal in another state (<see cref="Domain.Declarations.DeclarationStateException"/>).
/// </summary>
public static class ConfirmDeclaration
{
    public sealed record Command(string? Token) : ICommand<Unit>, IPublicMessage;

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, DeclarationLinks links, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            using (await gate.EnterAsync(cancellationToken))
            {
                var declaration = await links.FindAsync(command.Token, now, cancellationToken, track: true)
                    ?? throw new NotFoundException("Declaration link");
                db.DeclarationEvents.Add(declaration.Confirm(now));
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Declaration {DeclarationId} confirmed by its contact", declaration.Id);
            }
            return Unit.Value;
        }
    }
}
