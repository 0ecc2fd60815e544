using System.Text;
using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Portal;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.Portal;

/// <summary>
/// An inquirer who lost their portal link asks for a new one with their address and reference. A match mails a fresh
/// link to the case's address (never to anyone else); the caller learns nothing either way, so the form cannot be
/// used to find out who has a case. The fresh link revokes every earlier link of the case.
/// </summary>
public static class RequestPortalLink
{
    public const string MailKind = "portal-link";

    /// <summary>Fresh-link mails one case gets per hour at most, whoever asks, so the form cannot flood an inbox.</summary>
    public const int MailsPerCasePerHour = 3;

    public sealed record Command(string? Email, string? Reference) : ICommand<Unit>, IPublicMessage;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).Required(() => Texts.FieldEmail).SingleLine(254, () => Texts.FieldEmail)
                .EmailAddress().WithMessage(_ => Texts.Email);
            RuleFor(c => c.Reference).Required(() => Texts.PortalReference).SingleLine(32, () => Texts.PortalReference);
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, PortalLinks links, CaseMail caseMail,
        TimeProvider clock, IOptions<ConsultDeskOptions> options, ILogger<Handler> logger) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var email = Fold(command.Email!).ToLowerInvariant();
            var reference = Fold(command.Reference!).ToUpperInvariant();
            if (!ReferenceNumber.IsWellFormed(reference))
            {
                logger.LogInformation("Portal link request matched no case");
                return Unit.Value;
            }

            var @case = await db.Cases.SingleOrDefaultAsync(c => c.Reference == reference && c.EmailNormalized == email, cancellationToken);
            if (@case is null || !PortalToken.IsValidFor(@case, now))
            {
                logger.LogInformation("Portal link request matched no case");
                return Unit.Value;
            }
            var since = now.AddHours(-1);
            var recent = await db.Outbox.CountAsync(m => m.CaseId == @case.Id && m.Kind == MailKind && m.CreatedAt > since, cancellationToken);
            if (recent >= MailsPerCasePerHour)
            {
                logger.LogWarning("Portal link request for case {CaseId} dropped: {Count} links were mailed in the last hour", @case.Id, recent);
                return Unit.Value;
            }

            var link = links.Mint(@case, now);
            // Anyone who knows an address and a reference can send this mail: it carries none of the inquirer's text.
            var model = new Dictionary<string, object?>
            {
                ["reference"] = @case.Reference,
                ["public_base_url"] = options.Value.PublicBaseUrl,
                ["portal_url"] = link.Url,
            };
            db.Outbox.Add(await caseMail.ToInquirerAsync(@case, MailKind, model, now, cancellationToken, link: link, namedRecipient: false));
            // The new link replaces every earlier one (a link mailed to a shared or lost inbox stops working), in the
            // same transaction as the mail that carries it.
            using (await gate.EnterAsync(cancellationToken))
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                await links.RevokeAllAsync(@case.Id, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            logger.LogInformation("Fresh portal link queued for case {CaseId}", @case.Id);
            return Unit.Value;
        }

        /// <summary>People type addresses and references in full-width too (ｃｄ－２０２６…): fold to ASCII, drop spaces.</summary>
        private static string Fold(string value) => value.Normalize(NormalizationForm.FormKC).Trim();
    }
}
