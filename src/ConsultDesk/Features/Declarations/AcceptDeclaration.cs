using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.Users;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// 受理. The first acceptance draws the next public number in the same transaction; an accepted change keeps it and
/// only replaces the public facts. Either way the public item rows follow the accepted version
/// (<see cref="DeclarationNumbers.ReplacePublicItemsAsync"/>) and the declarant is mailed the links.
/// </summary>
public static class AcceptDeclaration
{
    public sealed record Command(Guid Id) : ICommand<DeclarationWriteResult>, IRoleRestrictedMessage
    {
        public int? ExpectedVersion { get; init; }
        public static IReadOnlyList<string> AllowedRoles => Roles.Staff;
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, DeclarationNumbers numbers, DeclarationMail mail, DeclarationLinks links,
        ICurrentUser user, TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command, DeclarationWriteResult>
    {
        public async ValueTask<DeclarationWriteResult> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            Declaration declaration;
            using (await gate.EnterAsync(cancellationToken))
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                declaration = await DeclarationAccess.LoadForWriteAsync(db, command.Id, command.ExpectedVersion, cancellationToken);
                var version = await DeclarationAccess.CurrentVersionAsync(db, declaration, cancellationToken);
                var first = declaration.AcceptedAt is null;
                // Only a legal first acceptance draws a number (Accept itself refuses the others, before using it).
                int? number = first && declaration.Allows(DeclarationAction.Accept) ? await numbers.NextAsync(cancellationToken) : null;
                db.DeclarationEvents.Add(declaration.Accept(version, number, user.RequiredId(), now));
                await numbers.ReplacePublicItemsAsync(declaration, version.ReadContent(), cancellationToken);
                db.Outbox.Add(mail.Create(declaration, DeclarationReviewMail.AcceptedKind, now, new Dictionary<string, object?>(DeclarationReviewMail.Extra(declaration, null, !first))
                {
                    ["certificate_url"] = DeclarationReviewMail.CertificateUrl(links, declaration.Number!.Value),
                }));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            logger.LogInformation("Declaration {DeclarationId} accepted as number {Number}", declaration.Id, declaration.Number);
            return DeclarationWriteResult.Of(declaration);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/declarations/{id:guid}/accept", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
                (await sender.Send(new Command(id) { ExpectedVersion = Cases.CaseAccess.ExpectedVersion(http.Request) }, ct)).ToHttp(http.Response))
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithName(nameof(AcceptDeclaration)).WithSummary("Accept (受理) a declaration or its change").WithTags("Declarations");
}
