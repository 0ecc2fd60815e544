using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Award;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Award;

/// <summary>
/// Once the entry window of a round has closed, mails every entrant once: a submitted entry goes on to judging, a draft
/// was not submitted and is not judged (withdrawn entries get nothing). The mails and the round's
/// <see cref="AwardRound.DeadlineMailedAt"/> are written in one transaction; two nodes sweeping at once collide on the
/// round's concurrency token and the loser skips the round, so each entrant gets exactly one mail.
/// </summary>
public static class SendAwardDeadlineMails
{
    public const string Kind = "award-entry-deadline";

    public sealed record Command : ICommand<Response>, ISystemMessage;

    public sealed record Response(int RoundsClosed, int Mailed);

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, DeclarationMail mails, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.AwardRounds.AsNoTracking().Where(r => r.EntryClosesAt <= now && r.DeadlineMailedAt == null)
                .OrderBy(r => r.EntryClosesAt).Select(r => r.Id).ToListAsync(cancellationToken);
            int closed = 0, mailed = 0;
            foreach (var roundId in due)
            {
                db.ChangeTracker.Clear();
                using (await gate.EnterAsync(cancellationToken))
                {
                    var round = await db.AwardRounds.Include(r => r.Categories).SingleAsync(r => r.Id == roundId, cancellationToken);
                    if (round.DeadlineMailedAt is not null) continue;
                    var entries = await db.AwardEntries.AsNoTracking()
                        .Where(e => e.RoundId == roundId && e.Status != AwardEntryStatus.Withdrawn).OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken);
                    var declarationIds = entries.Select(e => e.DeclarationId).Distinct().ToList();
                    var declarations = await db.Declarations.Where(d => declarationIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
                    var count = 0;
                    foreach (var entry in entries)
                    {
                        if (!declarations.TryGetValue(entry.DeclarationId, out var declaration)) continue;
                        db.Outbox.Add(AwardEntrant.Mail(mails, declaration, round, entry, Kind, now));
                        count++;
                    }
                    round.MarkDeadlineMailed(now);
                    try
                    {
                        await db.SaveChangesAsync(cancellationToken);
                    }
                    catch (DbUpdateConcurrencyException)
                    {
                        logger.LogInformation("Award round {RoundId}: deadline mails already sent by another node", roundId);
                        continue;
                    }
                    closed++;
                    mailed += count;
                    logger.LogInformation("Award round {RoundId}: entry deadline passed, {Count} entrant mail(s) queued", roundId, count);
                }
            }
            db.ChangeTracker.Clear();
            return new Response(closed, mailed);
        }
    }
}
