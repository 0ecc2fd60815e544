using ConsultDesk.Common;
using ConsultDesk.Common.Http;
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
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Award;

/// <summary>
/// The final decision of one category (admins, after judging closes, before or after publication): one or more
/// winners among the category's submitted entries and the 審査講評. While a decision is current a second one is a
/// 409 <see cref="AwardRule.DecisionAlreadyTaken"/> (the database's filtered unique index refuses it even when two
/// arrive together); reopen it first (<see cref="ReopenAwardDecision"/>).
/// </summary>
public static class DecideAwardCategory
{
    public const int MaxWinners = 20;

    public sealed record Body(Guid? CategoryId, string? CategoryCode, IReadOnlyList<Guid>? WinnerEntryIds, string? Review);

    public sealed record Command(Guid RoundId, Guid? CategoryId, string? CategoryCode, IReadOnlyList<Guid>? WinnerEntryIds, string? Review)
        : ICommand<ListAwardDecisions.Decision>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CategoryId).Must((c, id) => id is not null || !string.IsNullOrWhiteSpace(c.CategoryCode))
                .WithMessage(_ => Texts.AwardResult_CategoryRequired);
            RuleFor(c => c.WinnerEntryIds).Must(w => w is { Count: > 0 }).WithMessage(_ => Texts.AwardResult_WinnersRequired)
                .Must(w => w is null || (w.Count <= MaxWinners && w.Distinct().Count() == w.Count))
                .WithMessage(_ => string.Format(Texts.AwardResult_WinnersInvalid, MaxWinners));
            RuleFor(c => c.Review).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(_ => Texts.AwardResult_ReviewRequired)
                .Must(r => r is null || r.Trim().Length <= AwardDecision.MaxReviewLength)
                .WithMessage(_ => string.Format(Texts.TooLong, "review", AwardDecision.MaxReviewLength));
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, ListAwardDecisions.Decision>
    {
        public async ValueTask<ListAwardDecisions.Decision> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var actor = user.RequiredId();
            var round = await db.AwardRounds.AsNoTracking().Include(r => r.Categories)
                .SingleOrDefaultAsync(r => r.Id == command.RoundId, cancellationToken) ?? throw new NotFoundException("Award round");
            var category = round.Categories.FirstOrDefault(c => command.CategoryId is { } id ? c.Id == id : c.Code == command.CategoryCode!.Trim())
                ?? throw new ValidationException([new ValidationFailure(command.CategoryId is null ? "categoryCode" : "categoryId", Texts.AwardResult_CategoryUnknown)]);
            if (!round.IsJudgingClosed(now)) throw new AwardRuleException(AwardRule.JudgingStillOpen);

            var winners = command.WinnerEntryIds!.ToList();
            AwardDecision decision;
            using (await gate.EnterAsync(cancellationToken))
            {
                var eligible = await db.AwardEntries.AsNoTracking()
                    .CountAsync(e => winners.Contains(e.Id) && e.RoundId == round.Id && e.CategoryId == category.Id && e.Status == AwardEntryStatus.Submitted, cancellationToken);
                if (eligible != winners.Count) throw new AwardRuleException(AwardRule.WinnerNotInCategory);
                if (await db.AwardDecisions.AnyAsync(d => d.RoundId == round.Id && d.CategoryId == category.Id && d.ReopenedAt == null, cancellationToken))
                    throw new AwardRuleException(AwardRule.DecisionAlreadyTaken);

                decision = AwardDecision.Create(round.Id, category.Id, winners, command.Review!, actor, now);
                db.AwardDecisions.Add(decision);
                var content = new { decisionId = decision.Id, categoryCode = category.Code, winnerEntryIds = winners };
                db.AwardEvents.Add(AwardEvent.Create(round.Id, null, category.Id, "decided", now, actor, content));
                foreach (var winner in winners) db.AwardEvents.Add(AwardEvent.Create(round.Id, winner, category.Id, "decided", now, actor, content));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another admin's decision of the same category committed first (the filtered unique index).
                    if (await CurrentExistsAsync(round.Id, category.Id, decision.Id)) throw new AwardRuleException(AwardRule.DecisionAlreadyTaken);
                    throw;
                }
            }
            logger.LogInformation("Award category {CategoryId} of round {RoundId} decided as {DecisionId}", category.Id, round.Id, decision.Id);
            return (await ListAwardDecisions.ReadAsync(db, round.Id, decision.Id, cancellationToken)).Single();
        }

        private async Task<bool> CurrentExistsAsync(Guid roundId, Guid categoryId, Guid ownId)
        {
            db.ChangeTracker.Clear();
            return await db.AwardDecisions.AnyAsync(d => d.RoundId == roundId && d.CategoryId == categoryId && d.ReopenedAt == null && d.Id != ownId);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/award/rounds/{id:guid}/decisions", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, 64 * 1024, ct);
                var decision = await sender.Send(new Command(id, body.CategoryId, body.CategoryCode, body.WinnerEntryIds, body.Review), ct);
                return TypedResults.Created($"/api/v1/award/rounds/{id}/decisions", decision);
            })
            .Accepts<Body>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(DecideAwardCategory))
            .WithSummary("Decide a category: winners and 審査講評")
            .WithDescription("Admins, after judging closes. categoryId or categoryCode; winnerEntryIds (1–20 submitted entries of the category); review (審査講評, ≤ 4,000 characters). 409 award-decision-already-taken while a decision of the category is current (reopen it first), award-winner-not-in-category, award-judging-still-open.")
            .WithTags("Award");
}
