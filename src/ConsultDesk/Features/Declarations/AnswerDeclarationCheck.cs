using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Declarations;

/// <summary>The yearly check answered from the declarant's page: 「内容に変更はありません」.</summary>
public static class AnswerDeclarationCheck
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
                if (declaration.CheckRequestedAt is null || declaration.Status is not (Domain.Declarations.DeclarationStatus.Accepted
                        or Domain.Declarations.DeclarationStatus.InReview or Domain.Declarations.DeclarationStatus.Returned))
                    throw new ConflictException("No yearly check is waiting for an answer.");
                db.DeclarationEvents.Add(declaration.CheckAnswered(now));
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Declaration {DeclarationId}: yearly check answered without changes", declaration.Id);
            }
            return Unit.Value;
        }
    }
}
