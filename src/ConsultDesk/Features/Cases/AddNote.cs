using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features.Cases;

/// <summary>An internal note on the case: staff only, never mailed.</summary>
public static class AddNote
{
    public sealed record NoteBody(string? Body);

    public sealed record Command(string Reference, string? Body) : ICommand<CaseWriteResult>, IRoleRestrictedMessage
    {
        public int? ExpectedVersion { get; init; }
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Body).Required(() => Texts.FieldNote)
                .Must(b => b is null || JapaneseText.TextLength(b) <= 10_000).WithMessage(_ => string.Format(Texts.TooLong, Texts.FieldNote, 10_000))
                .Must(JapaneseText.IsCleanMultiline).WithMessage(_ => string.Format(Texts.ControlCharacters, Texts.FieldNote));
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, CaseWriteResult>
    {
        public async ValueTask<CaseWriteResult> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await CaseAccess.LoadForWriteAsync(db, command.Reference, command.ExpectedVersion, cancellationToken);
            @case.AddNote(command.Body!.Trim(), user.RequiredId(), clock.GetUtcNow().UtcDateTime);
            await gate.SaveChangesAsync(db, cancellationToken);
            return CaseWriteResult.Of(@case);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/cases/{reference}/notes", async (string reference, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<NoteBody>(http, JsonRequest.DefaultMaxBytes, ct);
                return (await sender.Send(new Command(reference, body.Body) { ExpectedVersion = CaseAccess.ExpectedVersion(http.Request) }, ct)).ToHttp(http.Response);
            })
            .Accepts<NoteBody>("application/json")
            .WithName(nameof(AddNote)).WithSummary("Add an internal note").WithTags("Cases");
}
