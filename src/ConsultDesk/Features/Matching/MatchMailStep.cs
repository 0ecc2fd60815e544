using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Cases;
using ConsultDesk.Mail;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Matching;

/// <summary>
/// What asking for consent and introducing share: a step of a proposal that mails someone. The step's rule comes
/// first, so nothing is looked up or composed for a proposal that may not take it; then its mails and one timeline
/// entry are saved with the step.
/// </summary>
internal static class MatchMailStep
{
    public delegate Task<IReadOnlyList<OutboxMail>> Mails(Case @case, MatchProposal proposal, MunicipalityProfile municipality, DateTime nowUtc);

    public static async ValueTask<MatchAccess.ProposalModel> TakeAsync(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user,
        TimeProvider clock, string reference, Guid proposalId, Action<MatchProposal, DateTime> step, string timelineKind, Mails mails,
        CancellationToken cancellationToken)
    {
        var @case = await CaseAccess.LoadForWriteAsync(db, reference, null, cancellationToken);
        CaseAccess.EnsureCanWork(@case, user);
        var proposal = await MatchAccess.LoadProposalAsync(db, @case, proposalId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        MatchAccess.Step(proposal, p => step(p, now));
        var municipality = await db.MunicipalityProfiles.AsNoTracking().SingleOrDefaultAsync(m => m.Code == proposal.MunicipalityCode, cancellationToken)
            ?? throw new NotFoundException("Municipality");

        db.Outbox.AddRange(await mails(@case, proposal, municipality, now));
        CaseTimeline.Record(db, TimelineEntry.Create(@case.Id, timelineKind, now,
            new { proposalId = proposal.Id, municipalityCode = municipality.Code, municipalityName = municipality.Name, sharedFields = proposal.SharedFields }, user.RequiredId()));
        await gate.SaveChangesAsync(db, cancellationToken);
        return MatchAccess.Model(proposal, municipality.Name);
    }
}
