using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Award;

/// <summary>
/// An admin takes an assignment back, only while the judge has scored nothing on it (otherwise 409) and before the
/// judging window closes. A declared conflict is a record, not an assignment to take back: it stays (409).
/// </summary>
public static class RemoveAwardAssignment
{
    public sealed record Command(Guid Id) : ICommand<Unit>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            using (await gate.EnterAsync(cancellationToken))
            {
                var assignment = await db.AwardAssignments.SingleOrDefaultAsync(a => a.Id == command.Id, cancellationToken)
                    ?? throw new NotFoundException("Assignment");
                var round = await db.AwardRounds.AsNoTracking().SingleAsync(r => r.Id == assignment.RoundId, cancellationToken);
                AwardAssigning.RequireOpen(round, now);
                if (assignment.Conflict == ConflictStatus.Conflict)
                    throw AwardAssigning.Refused("award-conflict-record", Texts.AwardJudging_ConflictRecordKept);
                if (await db.AwardScores.AnyAsync(s => s.AssignmentId == assignment.Id, cancellationToken))
                    throw AwardAssigning.Refused("award-assignment-scored", Texts.AwardJudging_HasScores);
                db.AwardAssignments.Remove(assignment);
                db.AwardEvents.Add(AwardEvent.Create(assignment.RoundId, assignment.EntryId, null, "unassigned", now, user.RequiredId(),
                    new { assignmentId = assignment.Id, judgeId = assignment.JudgeId }));
                await db.SaveChangesAsync(cancellationToken);
            }
            return Unit.Value;
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapDelete("/award/assignments/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new Command(id), ct);
                return TypedResults.NoContent();
            })
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(RemoveAwardAssignment)).WithSummary("Remove an assignment that has no scores").WithTags("Award");
}
