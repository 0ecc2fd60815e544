using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>
/// An admin assigns one submitted entry to one judge, until the judging window closes. A judge who declared a
/// conflict on the entry is never assigned to it again; the same judge twice is a 409.
/// </summary>
public static class AssignAwardJudge
{
    public sealed record Body(Guid? EntryId, Guid? JudgeId);

    public sealed record Command(Guid RoundId, Guid? EntryId, Guid? JudgeId) : ICommand<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed record Response(Guid Id, Guid EntryId, Guid JudgeId, string Conflict, DateTime AssignedAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.EntryId).NotEmpty().WithMessage(_ => Texts.AwardJudging_EntryRequired);
            RuleFor(c => c.JudgeId).NotEmpty().WithMessage(_ => Texts.AwardJudging_NotAJudge);
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var round = await db.AwardRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == command.RoundId, cancellationToken)
                ?? throw new NotFoundException("Round");
            var entryId = command.EntryId!.Value;
            var judgeId = command.JudgeId!.Value;
            using (await gate.EnterAsync(cancellationToken))
            {
                var entry = await db.AwardEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == entryId && e.RoundId == round.Id, cancellationToken);
                if (entry is null)
                    throw new ValidationException([new ValidationFailure("EntryId", Texts.AwardJudging_EntryRequired)]);
                if ((await AwardAssigning.JudgesAmongAsync(db, [judgeId], cancellationToken)).Count == 0)
                    throw new ValidationException([new ValidationFailure("JudgeId", Texts.AwardJudging_NotAJudge)]);
                AwardAssigning.RequireOpen(round, now);
                if (entry.Status != AwardEntryStatus.Submitted)
                    throw AwardAssigning.Refused("award-entry-not-submitted", Texts.AwardJudging_EntryNotSubmitted);
                var existing = await db.AwardAssignments.AsNoTracking().SingleOrDefaultAsync(a => a.EntryId == entryId && a.JudgeId == judgeId, cancellationToken);
                if (existing is not null)
                    throw existing.Conflict == ConflictStatus.Conflict
                        ? AwardAssigning.Refused("award-judge-conflicted", Texts.AwardJudging_ConflictOnEntry)
                        : AwardAssigning.Refused("award-already-assigned", Texts.AwardJudging_AlreadyAssigned);
                var assignment = AwardAssignment.Create(round.Id, entryId, judgeId, user.RequiredId(), now);
                db.AwardAssignments.Add(assignment);
                db.AwardEvents.Add(AwardAssigning.Assigned(assignment, user.RequiredId(), now, "hand"));
                await db.SaveChangesAsync(cancellationToken);
                return new Response(assignment.Id, entryId, judgeId, Domain.Wire.Name(assignment.Conflict), assignment.AssignedAt);
            }
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/award/rounds/{id:guid}/assignments", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await Common.Http.JsonRequest.ReadAsync<Body>(http, 4 * 1024, ct);
                var response = await sender.Send(new Command(id, body.EntryId, body.JudgeId), ct);
                return TypedResults.Created($"/api/v1/award/rounds/{id}/assignments", response);
            })
            .Accepts<Body>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(AssignAwardJudge)).WithSummary("Assign a submitted entry to a judge").WithTags("Award");
}
