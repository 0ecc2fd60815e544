using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Features.Attachments;
using ConsultDesk.Features.FollowUps;
using ConsultDesk.Domain.Users;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.Cases;

/// <summary>
/// A reply to the inquirer: an outbox mail threaded to the acknowledgement, written with the case change. Files go
/// with it (<see cref="AttachmentIntake"/>): stored on the case, shown on the reply's timeline entry and sent as MIME parts.
/// </summary>
public static class SendReply
{
    public sealed record ReplyBody(string? Subject, string? Body);

    public sealed record Command(string Reference, string? Subject, string? Text) : ICommand<CaseWriteResult>, IRoleRestrictedMessage
    {
        public int? ExpectedVersion { get; init; }
        /// <summary>Files to send with the reply; checked and stored by the handler.</summary>
        public IReadOnlyList<IncomingFile> Attachments { get; init; } = [];
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

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, CaseMail mail, FollowUpPlanner followUps, AttachmentIntake attachments,
        TimeProvider clock) : ICommandHandler<Command, CaseWriteResult>
    {
        public async ValueTask<CaseWriteResult> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await CaseAccess.LoadForWriteAsync(db, command.Reference, command.ExpectedVersion, cancellationToken);
            CaseAccess.EnsureCanWork(@case, user);
            var actor = user.RequiredId();
            using var files = await attachments.PrepareAsync(command.Attachments, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            // The template adds the salutation; the consultant's own one at the top is not sent a second time.
            var text = ReplySalutation.WithoutLeadingSalutation(@case, command.Text!.Trim());
            if (text.Trim().Length == 0) text = command.Text.Trim();
            var reply = await mail.ReplyAsync(@case, command.Subject!.Trim(), text, actor, now, cancellationToken);
            db.Outbox.Add(reply);
            var entry = @case.RecordReply(reply.Id, command.Subject.Trim(), text, actor, now);
            foreach (var stored in files.Store(db, @case.Id, entry.Id, now)) reply.AttachStored(stored);
            await followUps.ReconcileAsync(@case, now, cancellationToken);
            await gate.SaveChangesAsync(db, cancellationToken);
            return CaseWriteResult.Of(@case);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{reference}/messages", async (string reference, HttpContext http, ISender sender, IOptions<ConsultDeskOptions> options,
                CancellationToken ct) =>
            {
                Command command;
                if (UploadRequest.IsMultipart(http.Request))
                {
                    // multipart/form-data: subject, body and any number of "attachments" file parts.
                    var form = await UploadRequest.ReadFormAsync(http, options.Value.Attachments, ct);
                    command = new Command(reference, form["subject"].FirstOrDefault(), form["body"].FirstOrDefault()) { Attachments = UploadRequest.Files(form.Files) };
                }
                else
                {
                    var body = await JsonRequest.ReadAsync<ReplyBody>(http, JsonRequest.DefaultMaxBytes, ct);
                    command = new Command(reference, body.Subject, body.Body);
                }
                command = command with { ExpectedVersion = CaseAccess.ExpectedVersion(http.Request) };
                return (await sender.Send(command, ct)).ToHttp(http.Response, StatusCodes.Status202Accepted);
            })
            .Accepts<ReplyBody>("application/json", "multipart/form-data")
            .DisableAntiforgery()
            .Produces<CaseWriteResult>(StatusCodes.Status202Accepted)
            .WithName(nameof(SendReply)).WithSummary("Reply to the inquirer by mail").WithTags("Cases");
}
