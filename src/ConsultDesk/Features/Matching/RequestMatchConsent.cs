using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain.Users;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features.Matching;

/// <summary>
/// Asks the company whether its details may go to the municipality (APPI Art. 27): a mail with a portal link that
/// names the municipality and exactly the fields that would be shared.
/// </summary>
public static class RequestMatchConsent
{
    public sealed record Body(IReadOnlyList<string>? SharedFields);

    public sealed record Command(string Reference, Guid ProposalId, IReadOnlyList<string>? SharedFields) : ICommand<MatchAccess.ProposalModel>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SharedFields).Must(f => f is null || f.Count > 0).WithMessage(_ => Texts.MatchSharedFieldsRequired);
            RuleForEach(c => c.SharedFields).Must(f => MatchAccess.ShareableFields.Contains(f)).WithMessage(_ => Texts.MatchSharedFieldUnknown);
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, MatchMail mail, TimeProvider clock)
        : ICommandHandler<Command, MatchAccess.ProposalModel>
    {
        public ValueTask<MatchAccess.ProposalModel> Handle(Command command, CancellationToken cancellationToken)
        {
            // Keep the order the desk lists the fields in, whatever order the client sent them.
            var fields = command.SharedFields is { } chosen ? MatchAccess.ShareableFields.Where(chosen.Contains).ToList() : [.. MatchAccess.ShareableFields];
            return MatchMailStep.TakeAsync(db, gate, user, clock, command.Reference, command.ProposalId,
                (proposal, now) => proposal.RequestConsent(fields, now), "match-consent-requested",
                async (@case, proposal, municipality, now) => [await mail.ConsentRequestAsync(@case, proposal, municipality, now, cancellationToken)],
                cancellationToken);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{reference}/matches/{id:guid}/consent-request", async (string reference, Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await MatchAccess.ReadOptionalAsync(http, new Body(null), ct);
                return TypedResults.Ok(await sender.Send(new Command(reference, id, body.SharedFields), ct));
            })
            .Accepts<Body>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(RequestMatchConsent)).WithSummary("Ask the company to agree to share its details").WithTags("Matching");
}
