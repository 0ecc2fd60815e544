using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Cases;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Matching;

/// <summary>
/// Introduces the company to the municipality: one mail to each side with the agreed details. Refused with 409
/// unless the company consented, and then nothing is mailed.
/// </summary>
public static class SendIntroduction
{
    public sealed record Command(string Reference, Guid ProposalId) : ICommand<MatchAccess.ProposalModel>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, MatchMail mail, TimeProvider clock)
        : ICommandHandler<Command, MatchAccess.ProposalModel>
    {
        public async ValueTask<MatchAccess.ProposalModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await CaseAccess.LoadForWriteAsync(db, command.Reference, null, cancellationToken);
            CaseAccess.EnsureCanWork(@case, user);
            var proposal = await MatchAccess.LoadProposalAsync(db, @case, command.ProposalId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            // The consent gate comes first: no profile lookup, no mail composed for a proposal that may not go out.
            MatchAccess.Step(proposal, p => p.Introduce(now));
            var municipality = await db.MunicipalityProfiles.AsNoTracking().SingleOrDefaultAsync(m => m.Code == proposal.MunicipalityCode, cancellationToken)
                ?? throw new NotFoundException("Municipality");

            db.Outbox.Add(await mail.IntroductionToCompanyAsync(@case, municipality, now, cancellationToken));
            db.Outbox.Add(await mail.IntroductionToMunicipalityAsync(@case, proposal, municipality, now, cancellationToken));
            CaseTimeline.Record(db, TimelineEntry.Create(@case.Id, "match-introduced", now,
                new { proposalId = proposal.Id, municipalityCode = municipality.Code, municipalityName = municipality.Name, sharedFields = proposal.SharedFields }, user.RequiredId()));
            await gate.SaveChangesAsync(db, cancellationToken);
            return MatchAccess.Model(proposal, municipality.Name);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{reference}/matches/{id:guid}/introduction", async (string reference, Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(reference, id), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(SendIntroduction)).WithSummary("Introduce a consented company to the municipality").WithTags("Matching");
}
