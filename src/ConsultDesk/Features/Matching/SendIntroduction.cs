using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

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
        public ValueTask<MatchAccess.ProposalModel> Handle(Command command, CancellationToken cancellationToken) =>
            MatchMailStep.TakeAsync(db, gate, user, clock, command.Reference, command.ProposalId,
                (proposal, now) => proposal.Introduce(now), "match-introduced",
                async (@case, proposal, municipality, now) =>
                [
                    await mail.IntroductionToCompanyAsync(@case, municipality, now, cancellationToken),
                    await mail.IntroductionToMunicipalityAsync(@case, proposal, municipality, now, cancellationToken),
                ],
                cancellationToken);
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{reference}/matches/{id:guid}/introduction", async (string reference, Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(reference, id), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(SendIntroduction)).WithSummary("Introduce a consented company to the municipality").WithTags("Matching");
}
