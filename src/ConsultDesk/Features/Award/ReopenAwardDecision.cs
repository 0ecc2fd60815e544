using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Award;

/// <summary>
/// Reopens a category's current decision (admins, with a reason): the decision row stays as history, marked reopened
/// by whom, when and why, and a new decision can be taken. A decision already reopened is a 409
/// <see cref="AwardRule.NoDecisionToReopen"/>.
/// </summary>
public static class ReopenAwardDecision
{
    public sealed record Body(string? Reason);

    public sealed record Command(Guid DecisionId, string? Reason) : ICommand<ListAwardDecisions.Decision>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(_ => Texts.AwardResult_ReasonRequired)
                .Must(r => r is null || r.Trim().Length <= AwardDecision.MaxReviewLength)
                .WithMessage(_ => string.Format(Texts.TooLong, "reason", AwardDecision.MaxReviewLength));
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, ListAwardDecisions.Decision>
    {
        public async ValueTask<ListAwardDecisions.Decision> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var actor = user.RequiredId();
            AwardDecision decision;
            using (await gate.EnterAsync(cancellationToken))
            {
                decision = await db.AwardDecisions.SingleOrDefaultAsync(d => d.Id == command.DecisionId, cancellationToken)
                    ?? throw new NotFoundException("Award decision");
                decision.Reopen(command.Reason!, actor, now);
                var content = new { decisionId = decision.Id, reason = decision.ReopenReason };
                db.AwardEvents.Add(AwardEvent.Create(decision.RoundId, null, decision.CategoryId, "decision-reopened", now, actor, content));
                foreach (var winner in decision.ReadWinners())
                    db.AwardEvents.Add(AwardEvent.Create(decision.RoundId, winner, decision.CategoryId, "decision-reopened", now, actor, content));
                // Only the reopening that still finds the decision current writes (two admins at once: the second is a 409).
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var marked = await db.AwardDecisions.Where(d => d.Id == decision.Id && d.ReopenedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(d => d.ReopenedAt, now).SetProperty(d => d.ReopenedBy, actor)
                        .SetProperty(d => d.ReopenReason, decision.ReopenReason), cancellationToken);
                if (marked == 0) throw new AwardRuleException(AwardRule.NoDecisionToReopen);
                db.Entry(decision).State = EntityState.Unchanged;
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            logger.LogInformation("Award decision {DecisionId} reopened", decision.Id);
            return (await ListAwardDecisions.ReadAsync(db, decision.RoundId, decision.Id, cancellationToken)).Single();
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/award/decisions/{id:guid}/reopen", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, 32 * 1024, ct);
                return TypedResults.Ok(await sender.Send(new Command(id, body.Reason), ct));
            })
            .Accepts<Body>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(ReopenAwardDecision))
            .WithSummary("Reopen a category's decision (kept as history)")
            .WithDescription("Admins. reason (≤ 4,000 characters) required. The decision stays in the history marked reopened; a new decision of the category can then be taken. 409 award-no-decision-to-reopen when it was already reopened.")
            .WithTags("Award");
}
