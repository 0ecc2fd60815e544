using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Portal;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.Features.Portal;

/// <summary>The satisfaction survey in the portal: one answer per case, answering again replaces it.</summary>
public static class AnswerSurvey
{
    public const int CommentMaxLength = 2_000;

    public sealed record Command(string? Token, int? Rating, bool? ProblemSolved, string? Comment) : ICommand<Unit>, IPublicMessage;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Rating).NotNull().WithMessage(_ => Texts.PortalSurveyRatingRequired)
                .InclusiveBetween(1, 5).WithMessage(_ => Texts.PortalSurveyRatingRequired);
            RuleFor(c => c.ProblemSolved).NotNull().WithMessage(_ => Texts.PortalSurveySolvedRequired);
            RuleFor(c => c.Comment)
                .Must(b => b is null || JapaneseText.TextLength(b.Trim()) <= CommentMaxLength).WithMessage(_ => string.Format(Texts.TooLong, Texts.PortalSurveyComment, CommentMaxLength))
                .Must(JapaneseText.IsCleanMultiline).WithMessage(_ => string.Format(Texts.ControlCharacters, Texts.PortalSurveyComment));
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, PortalLinks links, TimeProvider clock) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim();
            for (var attempt = 1; ; attempt++)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var @case = await PortalAccess.OpenAsync(links, command.Token, now, cancellationToken);
                if (!PortalAccess.SurveyOpen(@case)) throw new ConflictException(Texts.PortalSurveyNotOpen);

                var answer = await db.SurveyResponses.SingleOrDefaultAsync(s => s.CaseId == @case.Id, cancellationToken);
                if (answer is null) db.SurveyResponses.Add(SurveyResponse.Answer(@case.Id, command.Rating!.Value, command.ProblemSolved, comment, now));
                else answer.Update(command.Rating!.Value, command.ProblemSolved, comment, now);
                CaseTimeline.Record(db, TimelineEntry.Create(@case.Id, "survey-answered", now,
                    new { rating = command.Rating, problemSolved = command.ProblemSolved, changed = answer is not null }));
                try
                {
                    await gate.SaveChangesAsync(db, cancellationToken);
                    return Unit.Value;
                }
                catch (DbUpdateException) when (answer is null && attempt == 1)
                {
                    // The same survey was answered twice at once and the other answer was stored first: replace it.
                    db.ChangeTracker.Clear();
                }
            }
        }
    }
}
