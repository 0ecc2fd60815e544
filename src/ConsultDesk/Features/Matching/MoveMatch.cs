using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Cases;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Matching;

/// <summary>Records what became of an introduction (meeting held, concluded) or drops a proposal.</summary>
public static class MoveMatch
{
    public sealed record Body(ProposalStatus? To);

    public sealed record Command(string Reference, Guid ProposalId, ProposalStatus? To) : ICommand<MatchAccess.ProposalModel>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.To).NotNull().WithMessage(_ => string.Format(Texts.Required, "to"));
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, MatchAccess.ProposalModel>
    {
        public async ValueTask<MatchAccess.ProposalModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await CaseAccess.LoadForWriteAsync(db, command.Reference, null, cancellationToken);
            CaseAccess.EnsureCanWork(@case, user);
            var proposal = await MatchAccess.LoadProposalAsync(db, @case, command.ProposalId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var from = proposal.Status;
            var to = command.To!.Value;
            MatchAccess.Step(proposal, p => p.MoveTo(to, now));
            var name = await db.MunicipalityProfiles.AsNoTracking().Where(m => m.Code == proposal.MunicipalityCode).Select(m => m.Name).FirstOrDefaultAsync(cancellationToken);
            CaseTimeline.Record(db, TimelineEntry.Create(@case.Id, $"match-{Wire.Name(to)}", now,
                new { proposalId = proposal.Id, municipalityCode = proposal.MunicipalityCode, municipalityName = name, from = Wire.Name(from), to = Wire.Name(to) }, user.RequiredId()));
            await gate.SaveChangesAsync(db, cancellationToken);
            return MatchAccess.Model(proposal, name);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{reference}/matches/{id:guid}/transitions", async (string reference, Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, 4096, ct);
                return TypedResults.Ok(await sender.Send(new Command(reference, id, body.To), ct));
            })
            .Accepts<Body>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(MoveMatch)).WithSummary("Move a match proposal (meeting held, concluded, dropped)").WithTags("Matching");
}
