using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Features.FollowUps;
using ConsultDesk.Domain.Users;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features.Cases;

/// <summary>Records an individual consultation (個別相談); one still ahead sends the inquirer an .ics invitation.</summary>
public static class RecordConsultation
{
    public sealed record Body(ConsultationChannel? Channel, DateTimeOffset? StartsAt, int? DurationMinutes, string? Attendees, string? Summary, string? NextSteps);

    public sealed record Command(string Reference, Body Consultation) : ICommand<CaseWriteResult>, IRoleRestrictedMessage
    {
        public int? ExpectedVersion { get; init; }
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Consultation.Channel).NotNull().WithMessage(_ => Texts.ChannelRequired).OverridePropertyName("Channel");
            RuleFor(c => c.Consultation.StartsAt).NotNull().WithMessage(_ => string.Format(Texts.Required, Texts.FieldStartsAt)).OverridePropertyName("StartsAt");
            RuleFor(c => c.Consultation.DurationMinutes).NotNull().InclusiveBetween(5, 480).WithMessage(_ => Texts.DurationRange).OverridePropertyName("DurationMinutes");
            RuleFor(c => c.Consultation.Attendees).SingleLine(500, () => Texts.FieldAttendees).OverridePropertyName("Attendees");
            RuleFor(c => c.Consultation.Summary).Must(s => s is null || (JapaneseText.TextLength(s) <= 10_000 && JapaneseText.IsCleanMultiline(s)))
                .WithMessage(_ => string.Format(Texts.TooLong, Texts.FieldSummary, 10_000)).OverridePropertyName("Summary");
            RuleFor(c => c.Consultation.NextSteps).Must(s => s is null || (JapaneseText.TextLength(s) <= 5_000 && JapaneseText.IsCleanMultiline(s)))
                .WithMessage(_ => string.Format(Texts.TooLong, Texts.FieldNextSteps, 5_000)).OverridePropertyName("NextSteps");
        }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, CaseMail mail, FollowUpPlanner followUps, TimeProvider clock)
        : ICommandHandler<Command, CaseWriteResult>
    {
        public async ValueTask<CaseWriteResult> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await CaseAccess.LoadForWriteAsync(db, command.Reference, command.ExpectedVersion, cancellationToken);
            CaseAccess.EnsureCanWork(@case, user);
            var actor = user.RequiredId();
            var now = clock.GetUtcNow().UtcDateTime;
            var input = command.Consultation;
            var consultation = Consultation.Record(@case.Id, input.Channel!.Value, input.StartsAt!.Value.UtcDateTime, input.DurationMinutes!.Value,
                input.Attendees?.Trim() ?? "", input.Summary?.Trim() ?? "", input.NextSteps?.Trim() ?? "", actor, now);
            db.Consultations.Add(consultation);
            @case.RecordConsultation(consultation, actor, now);
            if (consultation.IsUpcoming(now))
                db.Outbox.Add(await mail.InvitationAsync(@case, consultation, actor, now, cancellationToken));
            followUps.PlanConsultationFollowUp(@case, consultation, now);
            await followUps.ReconcileAsync(@case, now, cancellationToken);
            await gate.SaveChangesAsync(db, cancellationToken);
            return CaseWriteResult.Of(@case);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{reference}/consultations", async (string reference, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, JsonRequest.DefaultMaxBytes, ct);
                return (await sender.Send(new Command(reference, body) { ExpectedVersion = CaseAccess.ExpectedVersion(http.Request) }, ct)).ToHttp(http.Response);
            })
            .Accepts<Body>("application/json")
            .WithName(nameof(RecordConsultation)).WithSummary("Record or schedule a consultation").WithTags("Cases");
}
