using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// A declarant who lost the link asks for one with the contact address (/sengen/link). Each declaration of that
/// mailbox gets a fresh link at its own contact address, which revokes its earlier links; the caller learns nothing
/// either way, so the form cannot tell who declared.
/// </summary>
public static class RequestDeclarationLink
{
    public const string MailKind = "declaration-link";

    /// <summary>Link mails one mailbox gets per hour at most, whoever asks, so the form cannot flood an inbox.</summary>
    public const int MailsPerAddressPerHour = 3;

    public sealed record Command(string? Email) : ICommand<Unit>, IPublicMessage;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Email).Required(() => Texts.FieldEmail).SingleLine(254, () => Texts.FieldEmail)
                .Must(e => e is null || EmailAddress.IsValid(FormInput.Email(e) ?? "")).WithMessage(_ => Texts.Email);
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, DeclarationMail mail, DeclarationLinks links, TimeProvider clock,
        ILogger<Handler> logger) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var key = EmailAddress.LimitKey(FormInput.Email(command.Email)!);
            var declarations = await db.Declarations.Where(d => d.EmailKey == key).OrderBy(d => d.CreatedAt).Take(20).ToListAsync(cancellationToken);
            if (declarations.Count == 0)
            {
                logger.LogInformation("Declaration link request matched nothing");
                return Unit.Value;
            }
            var addresses = declarations.Select(d => d.ContactEmail).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var since = now.AddHours(-1);
            var recent = await db.Outbox.CountAsync(m => m.Kind == MailKind && addresses.Contains(m.ToAddress) && m.CreatedAt > since, cancellationToken);
            if (recent >= MailsPerAddressPerHour)
            {
                logger.LogWarning("Declaration link request dropped: {Count} links were mailed in the last hour", recent);
                return Unit.Value;
            }
            using (await gate.EnterAsync(cancellationToken))
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                foreach (var declaration in declarations)
                {
                    await links.RevokeAllAsync(declaration.Id, now, cancellationToken);
                    db.Outbox.Add(mail.Create(declaration, MailKind, now));
                }
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            logger.LogInformation("Fresh declaration links queued for {Count} declarations", declarations.Count);
            return Unit.Value;
        }
    }
}
