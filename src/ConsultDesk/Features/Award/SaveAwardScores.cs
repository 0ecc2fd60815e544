using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.LocalGovernments;
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
/// The judge scores criteria of an entry they declared no conflict on: a value on the round's scale, a comment and a
/// confidence (1–3) per criterion, set and changed only while the judging window is open. Each new or changed score
/// is on the entry's timeline (criterion, old → new value, the judge).
/// </summary>
public static class SaveAwardScores
{
    public const int MaxScores = 50;

    public sealed record ScoreInput(string? Criterion, int? Value, string? Comment, int? Confidence);

    public sealed record Body(IReadOnlyList<ScoreInput>? Scores);

    public sealed record Command(Guid Id, IReadOnlyList<ScoreInput>? Scores) : ICommand<GetJudgingAssignment.Model>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => [Roles.Judge];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Scores).NotEmpty().WithMessage(_ => Texts.AwardJudging_ScoresRequired)
                .Must(s => s!.Count <= MaxScores).WithMessage(_ => Texts.AwardJudging_ScoresRequired);
            RuleForEach(c => c.Scores).ChildRules(score =>
            {
                score.RuleFor(s => s.Criterion).NotEmpty().WithMessage(_ => Texts.AwardJudging_CriterionUnknown);
                score.RuleFor(s => s.Value).NotNull().WithMessage(_ => Texts.AwardJudging_ValueRequired);
                score.RuleFor(s => s.Comment).MaximumLength(AwardScore.MaxCommentLength)
                    .WithMessage(_ => string.Format(Texts.AwardJudging_CommentTooLong, AwardScore.MaxCommentLength));
                score.RuleFor(s => s.Confidence).NotNull().InclusiveBetween(AwardScore.MinConfidence, AwardScore.MaxConfidence)
                    .WithMessage(_ => Texts.AwardJudging_ConfidenceRange);
            }).When(c => c.Scores is { Count: > 0 and <= MaxScores });
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, LocalGovernmentDirectory municipalities, TimeProvider clock)
        : ICommandHandler<Command, GetJudgingAssignment.Model>
    {
        public async ValueTask<GetJudgingAssignment.Model> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var judgeId = user.RequiredId();
            AwardAssignment assignment;
            using (await gate.EnterAsync(cancellationToken))
            {
                assignment = await AwardJudgingAccess.OwnAssignmentAsync(db, user, command.Id, cancellationToken);
                assignment.RequireCleared();
                var round = await AwardJudgingAccess.RoundAsync(db, assignment.RoundId, cancellationToken);
                if (!round.IsJudgingOpen(now)) throw new AwardRuleException(AwardRule.JudgingNotOpen);

                var criteria = round.Criteria.ToDictionary(c => c.Code, StringComparer.Ordinal);
                var inputs = command.Scores!;
                var failures = new List<ValidationFailure>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < inputs.Count; i++)
                {
                    var input = inputs[i];
                    if (!criteria.ContainsKey(input.Criterion!) || !seen.Add(input.Criterion!))
                        failures.Add(new ValidationFailure($"Scores[{i}].Criterion", Texts.AwardJudging_CriterionUnknown));
                    if (input.Value < round.ScaleMin || input.Value > round.ScaleMax)
                        failures.Add(new ValidationFailure($"Scores[{i}].Value", string.Format(Texts.AwardJudging_ValueRange, round.ScaleMin, round.ScaleMax)));
                }
                if (failures.Count > 0) throw new ValidationException(failures);

                var existing = await db.AwardScores.Where(s => s.AssignmentId == assignment.Id).ToDictionaryAsync(s => s.CriterionId, cancellationToken);
                foreach (var input in inputs)
                {
                    var criterion = criteria[input.Criterion!];
                    if (existing.TryGetValue(criterion.Id, out var score))
                    {
                        var old = score.Value;
                        if (score.Change(input.Value!.Value, input.Comment, input.Confidence!.Value, now))
                            db.AwardEvents.Add(AwardEvent.Create(assignment.RoundId, assignment.EntryId, null, "score-changed", now, judgeId,
                                new { assignmentId = assignment.Id, criterion = criterion.Code, oldValue = (int?)old, newValue = score.Value, confidence = score.Confidence }));
                    }
                    else
                    {
                        score = AwardScore.Create(assignment, criterion.Id, input.Value!.Value, input.Comment, input.Confidence!.Value, now);
                        db.AwardScores.Add(score);
                        db.AwardEvents.Add(AwardEvent.Create(assignment.RoundId, assignment.EntryId, null, "score-set", now, judgeId,
                            new { assignmentId = assignment.Id, criterion = criterion.Code, oldValue = (int?)null, newValue = score.Value, confidence = score.Confidence }));
                    }
                }
                await db.SaveChangesAsync(cancellationToken);
            }
            return await GetJudgingAssignment.ViewAsync(db, municipalities, assignment, now, cancellationToken);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPut("/award/judging/assignments/{id:guid}/scores", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await Common.Http.JsonRequest.ReadAsync<Body>(http, 256 * 1024, ct);
                return TypedResults.Ok(await sender.Send(new Command(id, body.Scores), ct));
            })
            .Accepts<Body>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(SaveAwardScores)).WithSummary("Set or change the judge's scores (while the judging window is open)").WithTags("Award judging");
}
