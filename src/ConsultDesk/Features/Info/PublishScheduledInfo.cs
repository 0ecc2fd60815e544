using ConsultDesk.Data;
using ConsultDesk.Domain.Info;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Info;

/// <summary>
/// Publishes every scheduled item whose time has come (the info job, every minute), each with its revision by the
/// system. Two nodes sweeping at once collide on the item's version: the loser skips it, so each publication is
/// recorded once.
/// </summary>
public static class PublishScheduledInfo
{
    public const int BatchSize = 100;

    public sealed record Command : ICommand<Response>, Common.ISystemMessage;

    public sealed record Response(int Published);

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var published = 0;
            while (true)
            {
                var due = await db.InfoItems.AsNoTracking().Where(i => i.Status == InfoStatus.Scheduled && i.PublishAt <= now)
                    .OrderBy(i => i.PublishAt).Select(i => i.Id).Take(BatchSize).ToListAsync(cancellationToken);
                var batch = 0;
                foreach (var id in due)
                {
                    db.ChangeTracker.Clear();
                    using (await gate.EnterAsync(cancellationToken))
                    {
                        var item = await db.InfoItems.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
                        if (item is not { Status: InfoStatus.Scheduled } || item.PublishAt > now) continue;
                        item.Publish(now);
                        await InfoWriter.RecordAsync(db, item, InfoRevisionAction.Published, [], InfoActor.System, null, now, cancellationToken);
                        try
                        {
                            await db.SaveChangesAsync(cancellationToken);
                            batch++;
                        }
                        catch (DbUpdateException)
                        {
                            // Another node published it (version moved, or revision number taken) in the meantime.
                            logger.LogInformation("Info item {ItemId}: published by another node", id);
                        }
                    }
                }
                published += batch;
                if (due.Count < BatchSize || batch == 0) break;
            }
            db.ChangeTracker.Clear();
            return new Response(published);
        }
    }
}
