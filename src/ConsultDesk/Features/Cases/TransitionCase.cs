using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Features.FollowUps;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Cases;

/// <summary>Moves a case along its lifecycle; an illegal move is a 409 that lists the allowed ones.</summary>
public static class TransitionCase
{
    public sealed record Body(CaseStatus? To, CloseReason? Reason, string? Comment);

    public sealed record Command(string Reference, CaseStatus? To, CloseReason? Reason, string? Comment) : ICommand<CaseWriteResult>, IRoleRestrictedMessage
    {
        public int? ExpectedVersion { get; init; }
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.To).NotNull().WithMessage(_ => string.Format(Texts.Required, "to"));
            RuleFor(c => c.Reason).NotNull().When(c => c.To == CaseStatus.Closed).WithMessage(_ => Texts.CloseReasonRequired);
            RuleFor(c => c.Comment).SingleLine(500, () => "comment");
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, ServiceLevel serviceLevel, FollowUpPlanner followUps, TimeProvider clock)
        : ICommandHandler<Command, CaseWriteResult>
    {
        public async ValueTask<CaseWriteResult> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await CaseAccess.LoadForWriteAsync(db, command.Reference, command.ExpectedVersion, cancellationToken);
            CaseAccess.EnsureCanWork(@case, user);
            var now = clock.GetUtcNow().UtcDateTime;
            // A company case is in matching only when there is someone to match it with.
            if (command.To == CaseStatus.Matching && @case.Status != CaseStatus.Matching && @case.InquirerType == InquirerType.Company
                && !await db.MatchProposals.AnyAsync(p => p.CaseId == @case.Id, cancellationToken))
                throw new ConflictException(Texts.MatchingNeedsProposal, new Dictionary<string, object?> { ["code"] = "proposal-required" });
            try
            {
                @case.TransitionTo(command.To!.Value, command.Reason, command.Comment, user.RequiredId(), now, serviceLevel);
            }
            catch (IllegalTransitionException)
            {
                throw new ConflictException(string.Format(Texts.IllegalTransition, Wire.Name(@case.Status), Wire.Name(command.To!.Value)),
                    new Dictionary<string, object?> { ["allowedTransitions"] = @case.NextStatuses(now).Select(Wire.Name).ToArray() });
            }
            await followUps.ReconcileAsync(@case, now, cancellationToken);
            await gate.SaveChangesAsync(db, cancellationToken);
            return CaseWriteResult.Of(@case);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{reference}/transitions", async (string reference, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, 4096, ct);
                var command = new Command(reference, body.To, body.Reason, body.Comment) { ExpectedVersion = CaseAccess.ExpectedVersion(http.Request) };
                return (await sender.Send(command, ct)).ToHttp(http.Response);
            })
            .Accepts<Body>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName(nameof(TransitionCase)).WithSummary("Move a case to another status").WithTags("Cases");
}
