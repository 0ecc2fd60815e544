using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.Users;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsultDesk.Features.Declarations;

/// <summary>Refused, with the reason mailed. For a change after acceptance only the change is refused; the accepted version stays public.</summary>
public static class RejectDeclaration
{
    public sealed record Body(string? Reason);

    public sealed record Command(Guid Id, string? Reason) : ICommand<DeclarationWriteResult>, IRoleRestrictedMessage
    {
        public int? ExpectedVersion { get; init; }
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).DeclarationReason();
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, DeclarationMail mail, ICurrentUser user, TimeProvider clock)
        : ICommandHandler<Command, DeclarationWriteResult>
    {
        public async ValueTask<DeclarationWriteResult> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            Declaration declaration;
            using (await gate.EnterAsync(cancellationToken))
            {
                declaration = await DeclarationAccess.LoadForWriteAsync(db, command.Id, command.ExpectedVersion, cancellationToken);
                var version = await DeclarationAccess.CurrentVersionAsync(db, declaration, cancellationToken);
                var change = declaration.AcceptedAt is not null;
                db.DeclarationEvents.Add(declaration.Reject(version, command.Reason!.Trim(), user.RequiredId(), now));
                db.Outbox.Add(mail.Create(declaration, DeclarationReviewMail.RejectedKind, now, DeclarationReviewMail.Extra(declaration, command.Reason!.Trim(), change)));
                await db.SaveChangesAsync(cancellationToken);
            }
            return DeclarationWriteResult.Of(declaration);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/declarations/{id:guid}/reject", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var body = await JsonRequest.ReadAsync<Body>(http, 16 * 1024, ct);
                var command = new Command(id, body.Reason) { ExpectedVersion = Cases.CaseAccess.ExpectedVersion(http.Request) };
                return (await sender.Send(command, ct)).ToHttp(http.Response);
            })
            .Accepts<Body>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName(nameof(RejectDeclaration)).WithSummary("Reject a declaration or its change (reason mailed)").WithTags("Declarations");
}
