using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Declarations;

/// <summary>The declarant withdraws the declaration from its page, with an optional reason.</summary>
public static class WithdrawOwnDeclaration
{
    public sealed record Command(string? Token, string? Reason) : ICommand<Unit>, IPublicMessage;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Reason).Must(r => r is null || Domain.JapaneseText.TextLength(r) <= Declaration.MaxReasonLength)
                .WithMessage(_ => string.Format(Texts.TooLong, Texts.SengenWithdrawReason, Declaration.MaxReasonLength))
                .Must(Domain.JapaneseText.IsCleanMultiline).WithMessage(_ => string.Format(Texts.ControlCharacters, Texts.SengenWithdrawReason));
    }

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
                var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
                db.DeclarationEvents.Add(declaration.Withdraw(reason, null, now));
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Declaration {DeclarationId} withdrawn by its declarant", declaration.Id);
            }
            return Unit.Value;
        }
    }
}
