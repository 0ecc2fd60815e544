using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Domain.Users;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.Award;

/// <summary>
/// The judge declares, once and before seeing the entry, whether they have a conflict of interest. No conflict opens
/// the entry; a conflict removes the assignment (the row stays so the judge is never assigned it again), keeps the
/// note for the admins and mails every enabled admin.
/// </summary>
public static class DeclareAwardConflict
{
    public const string MailKind = "award-conflict-declared";

    public sealed record Body(bool? HasConflict, string? Note);

    public sealed record Command(Guid Id, bool? HasConflict, string? Note) : ICommand<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => [Roles.Judge];
    }

    /// <param name="Assignment">The assignment as the judge now sees it; null after a conflict (it is gone).</param>
    public sealed record Response(string Conflict, GetJudgingAssignment.Model? Assignment);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.HasConflict).NotNull().WithMessage(_ => Texts.AwardJudging_ChooseConflict);
            RuleFor(c => c.Note).MaximumLength(AwardAssignment.MaxConflictNoteLength)
                .WithMessage(_ => string.Format(Texts.AwardJudging_NoteTooLong, AwardAssignment.MaxConflictNoteLength));
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, MailTemplates templates, LocalGovernmentDirectory municipalities,
        IOptions<ConsultDeskOptions> options, TimeProvider clock) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var judgeId = user.RequiredId();
            AwardAssignment assignment;
            using (await gate.EnterAsync(cancellationToken))
            {
                assignment = await AwardJudgingAccess.OwnAssignmentAsync(db, user, command.Id, cancellationToken);
                if (!await db.AwardEntries.AnyAsync(e => e.Id == assignment.EntryId && e.Status == AwardEntryStatus.Submitted, cancellationToken))
                    throw new NotFoundException("Entry");
                var round = await db.AwardRounds.AsNoTracking().SingleAsync(r => r.Id == assignment.RoundId, cancellationToken);
                if (assignment.IsActive && round.IsJudgingClosed(now)) throw new AwardRuleException(AwardRule.JudgingNotOpen);
                var hasConflict = command.HasConflict!.Value;
                assignment.Declare(hasConflict, command.Note, now);
                db.AwardEvents.Add(AwardEvent.Create(assignment.RoundId, assignment.EntryId, null, hasConflict ? "conflict" : "no-conflict", now, judgeId,
                    hasConflict ? new { assignmentId = assignment.Id, judgeId, note = assignment.ConflictNote } : new { assignmentId = assignment.Id, judgeId, note = (string?)null }));
                if (hasConflict) db.Outbox.AddRange(await MailsAsync(round, assignment, judgeId, now, cancellationToken));
                await db.SaveChangesAsync(cancellationToken);
            }
            return new Response(Wire.Name(assignment.Conflict),
                assignment.IsActive ? await GetJudgingAssignment.ViewAsync(db, municipalities, assignment, now, cancellationToken) : null);
        }

        private async Task<List<OutboxMail>> MailsAsync(AwardRound round, AwardAssignment assignment, Guid judgeId, DateTime now, CancellationToken cancellationToken)
        {
            var admins = await AwardJudgingAccess.ActiveAdminsAsync(db, cancellationToken);
            if (admins.Count == 0) return [];
            var entry = await db.AwardEntries.AsNoTracking().SingleAsync(e => e.Id == assignment.EntryId, cancellationToken);
            var category = await db.AwardCategories.AsNoTracking().SingleAsync(c => c.Id == entry.CategoryId, cancellationToken);
            var judge = await db.Users.AsNoTracking().Where(u => u.Id == judgeId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
            var baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
            var rendered = templates.Render(MailKind, InquiryLanguage.Ja, new Dictionary<string, object?>
            {
                ["judge_name"] = judge,
                ["round_title"] = round.Title,
                ["entry_title"] = entry.Title,
                ["category_name"] = category.NameJa,
                ["note"] = assignment.ConflictNote ?? "",
                ["declared_at"] = AwardJudgingAccess.Jst(now),
                ["assignments_url"] = $"{baseUrl}/desk/award/{round.Id}/judging",
                ["entry_url"] = $"{baseUrl}/desk/award/entries/{entry.Id}",
            });
            var domain = InquirerMail.MessageIdDomain(options.Value.Mail);
            return admins.Select(a => OutboxMail.Create(null, MailKind, rendered, a.Email, a.Name, domain, now)).ToList();
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/award/judging/assignments/{id:guid}/conflict", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await Common.Http.JsonRequest.ReadAsync<Body>(http, 16 * 1024, ct);
                return TypedResults.Ok(await sender.Send(new Command(id, body.HasConflict, body.Note), ct));
            })
            .Accepts<Body>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(DeclareAwardConflict)).WithSummary("Declare no conflict of interest (opens the entry) or a conflict (removes the assignment)").WithTags("Award judging");
}
