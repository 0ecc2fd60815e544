using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Mail;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// The declarant sends a new version from its page: after a return, or as a change to an accepted declaration
/// (reviewed again while the accepted version stays public). Validated exactly as the first submission. A change
/// sent while a yearly check waits also answers the check.
/// </summary>
public static class ResubmitDeclaration
{
    public sealed record Command(string? Token, SubmitDeclaration.Command Declaration) : ICommand<Unit>, IPublicMessage;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<SubmitDeclaration.Command> declaration) =>
            RuleFor(c => c.Declaration).NotNull().SetValidator(declaration);
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, DeclarationLinks links, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var content = command.Declaration.ToContent();
            using (await gate.EnterAsync(cancellationToken))
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                var declaration = await links.FindAsync(command.Token, now, cancellationToken, track: true)
                    ?? throw new NotFoundException("Declaration link");
                var checkPending = declaration.CheckRequestedAt is not null;
                var (version, resubmitted) = declaration.Resubmit(content, now);
                db.DeclarationVersions.Add(version);
                db.DeclarationEvents.Add(resubmitted);
                if (checkPending) db.DeclarationEvents.Add(declaration.CheckAnswered(now));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Declaration {DeclarationId}: version {Version} sent by its declarant", declaration.Id, version.Number);
            }
            return Unit.Value;
        }
    }
}
