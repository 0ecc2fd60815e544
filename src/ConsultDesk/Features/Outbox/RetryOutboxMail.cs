using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Users;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Outbox;

/// <summary>
/// An admin sends a failed mail again: the row becomes pending and due now, with a fresh attempt budget, and the
/// dispatcher is woken. The very same message (same Message-ID) goes out; a row that is not failed is a 409.
/// </summary>
public static class RetryOutboxMail
{
    public sealed record Command(Guid Id) : ICommand<Response>, IRoleRestrictedMessage
    {
        public static IReadOnlyList<string> AllowedRoles => Roles.Admins;
    }

    public sealed record Response(Guid Id, OutboxStatus Status, DateTime NextAttemptAt);

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = user.RequiredId();
            var mail = await db.Outbox.SingleOrDefaultAsync(m => m.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Outbox mail");
            var now = clock.GetUtcNow().UtcDateTime;
            if (mail.Status != OutboxStatus.Failed) throw new ConflictException(Texts.OutboxNotFailed);

            using (await gate.EnterAsync(cancellationToken))
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                // Conditional on the row still being failed: two admins retrying at once must not both reset it, or the
                // second reset could land after the dispatcher sent it and send it again. The claim holds the row
                // until the commit; the retry itself is saved as a change, so the dispatcher is woken after the commit.
                var claimed = await db.Outbox
                    .Where(m => m.Id == mail.Id && m.Status == OutboxStatus.Failed)
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.Status, OutboxStatus.Pending), cancellationToken);
                if (claimed == 0) throw new ConflictException(Texts.OutboxNotFailed);
                mail.Retry(now);
                if (mail.CaseId is { } caseId)
                    CaseTimeline.Record(db, TimelineEntry.Create(caseId, "mail-retried", now, new { outboxMailId = mail.Id, kind = mail.Kind }, actor));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            logger.LogInformation("Outbox mail {OutboxMailId} ({Kind}) queued again by {UserId}", mail.Id, mail.Kind, actor);
            return new Response(mail.Id, mail.Status, mail.NextAttemptAt);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder api) =>
        api.MapPost("/outbox/{id:guid}/retry", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id), ct)))
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(nameof(RetryOutboxMail)).WithSummary("Send a failed mail again (admins)").WithTags("Outbox");
}
