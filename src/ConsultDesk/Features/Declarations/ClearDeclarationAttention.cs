using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.Users;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// 確認済みにする: staff looked at a declaration flagged 要確認 (its yearly check went unanswered) and clear the flag,
/// with an optional note for the timeline. A declaration that is not flagged is left as it is.
/// </summary>
public static class ClearDeclarationAttention
{
    public sealed record Body(string? Note);

    public sealed record Command(Guid Id, string? Note) : ICommand<DeclarationWriteResult>, IRoleRestrictedMessage
    {
        public int? ExpectedVersion { get; init; }
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Note).Must(n => n is null || n.Trim().Length <= Declaration.MaxReasonLength)
            .WithMessage(_ => string.Format(Texts.TooLong, "note", Declaration.MaxReasonLength));
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock)
        : ICommandHandler<Command, DeclarationWriteResult>
    {
        public async ValueTask<DeclarationWriteResult> Handle(Command command, CancellationToken cancellationToken)
        {
            using (await gate.EnterAsync(cancellationToken))
            {
                var declaration = await DeclarationAccess.LoadForWriteAsync(db, command.Id, command.ExpectedVersion, cancellationToken);
                if (declaration.NeedsAttentionSince is null) return DeclarationWriteResult.Of(declaration);
                var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
                db.DeclarationEvents.Add(declaration.ClearNeedsAttention(user.RequiredId(), note, clock.GetUtcNow().UtcDateTime));
                await db.SaveChangesAsync(cancellationToken);
                return DeclarationWriteResult.Of(declaration);
            }
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/declarations/{id:guid}/clear-attention", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, 16 * 1024, ct);
                var command = new Command(id, body.Note) { ExpectedVersion = Cases.CaseAccess.ExpectedVersion(http.Request) };
                return (await sender.Send(command, ct)).ToHttp(http.Response);
            })
            .Accepts<Body>("application/json")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName(nameof(ClearDeclarationAttention)).WithSummary("Clear a declaration's 要確認 flag").WithTags("Declarations");
}
