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

/// <summary>A reply to the inquirer: an outbox mail threaded to the acknowledgement, written with the case change.</summary>
public static class SendReply
{
    public sealed record ReplyBody(string? Subject, string? Body);

    public sealed record Command(string Reference, string? Subject, string? Text) : ICommand<CaseWriteResult>, IRoleRestrictedMessage
    {
        public int? ExpectedVersion { get; init; }
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Subject).Required(() => Texts.FieldReplySubject).SingleLine(200, () => Texts.FieldReplySubject);
            RuleFor(c => c.Text).Required(() => Texts.FieldReplyBody)
                .Must(b => b is null || JapaneseText.TextLength(b) <= 20_000).WithMessage(_ => string.Format(Texts.TooLong, Texts.FieldReplyBody, 20_000))
                .Must(JapaneseText.IsCleanMultiline).WithMessage(_ => string.Format(Texts.ControlCharacters, Texts.FieldReplyBody))
                .OverridePropertyName("Body");
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
            // The template adds the salutation; the consultant's own one at the top is not sent a second time.
            var text = ReplySalutation.WithoutLeadingSalutation(@case, command.Text!.Trim());
            if (text.Trim().Length == 0) text = command.Text.Trim();
            var reply = await mail.ReplyAsync(@case, command.Subject!.Trim(), text, actor, now, cancellationToken);
            db.Outbox.Add(reply);
            @case.RecordReply(reply.Id, command.Subject.Trim(), text, actor, now);
            await followUps.ReconcileAsync(@case, now, cancellationToken);
            await gate.SaveChangesAsync(db, cancellationToken);
            return CaseWriteResult.Of(@case);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{reference}/messages", async (string reference, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<ReplyBody>(http, JsonRequest.DefaultMaxBytes, ct);
                var command = new Command(reference, body.Subject, body.Body) { ExpectedVersion = CaseAccess.ExpectedVersion(http.Request) };
                return (await sender.Send(command, ct)).ToHttp(http.Response, StatusCodes.Status202Accepted);
            })
            .Accepts<ReplyBody>("application/json")
            .Produces<CaseWriteResult>(StatusCodes.Status202Accepted)
            .WithName(nameof(SendReply)).WithSummary("Reply to the inquirer by mail").WithTags("Cases");
}
