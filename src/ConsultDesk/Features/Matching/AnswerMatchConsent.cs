using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Features.Portal;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Matching;

/// <summary>
/// The company agrees or declines, in the portal, to its details going to a municipality. Only a proposal of the
/// token's own case, and only while it waits for the answer.
/// </summary>
public static class AnswerMatchConsent
{
    public sealed record Command(string? Token, Guid ProposalId, bool? Agree) : ICommand<Unit>, IPublicMessage;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Agree).NotNull().WithMessage(_ => Texts.MatchConsentAnswerRequired);
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, PortalLinks links, TimeProvider clock) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var @case = await PortalAccess.OpenAsync(links, command.Token, now, cancellationToken);
            // Another case's proposal is the same not-found as a wrong token: the portal tells a visitor nothing more.
            var proposal = await MatchAccess.LoadProposalAsync(db, @case, command.ProposalId, cancellationToken);
            if (proposal.Status != ProposalStatus.ConsentRequested) throw new ConflictException(Texts.MatchConsentNotOpen);
            var agreed = command.Agree!.Value;
            proposal.AnswerConsent(agreed, now);
            CaseTimeline.Record(db, TimelineEntry.Create(@case.Id, agreed ? "match-consented" : "match-declined", now,
                new { proposalId = proposal.Id, municipalityCode = proposal.MunicipalityCode, sharedFields = proposal.SharedFields, via = "portal" }));
            try
            {
                await gate.SaveChangesAsync(db, cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Answered twice at once, or the desk dropped it meanwhile: the first change stands.
                throw new ConflictException(Texts.MatchConsentNotOpen);
            }
            return Unit.Value;
        }
    }
}
