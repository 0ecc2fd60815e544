using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain.Info;
using Microsoft.Extensions.Logging;

namespace ConsultDesk.Features.Info;

/// <summary>What scheduling, publishing and unpublishing share: load under the write gate, check the version, change, record.</summary>
internal static class ChangeInfoStatus
{
    public static async Task<InfoItemModel> RunAsync(ConsultDeskDbContext db, WriteGate gate, ICurrentUser user, TimeProvider clock, ILogger logger,
        Guid id, int? expectedVersion, InfoRevisionAction action, string? note, Action<InfoItem, DateTime> change, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = await InfoEditAccess.ActorAsync(db, user, cancellationToken);
        InfoItem item;
        using (await gate.EnterAsync(cancellationToken))
        {
            item = await InfoEditAccess.LoadAsync(db, id, tracking: true, cancellationToken);
            InfoEditAccess.CheckVersion(item, expectedVersion);
            change(item, now);
            // Scheduling a moment that has come publishes at once: the history says so.
            var recorded = action == InfoRevisionAction.Scheduled && item.Status == InfoStatus.Published ? InfoRevisionAction.Published : action;
            await InfoWriter.RecordAsync(db, item, recorded, [], actor, note, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        logger.LogInformation("Info item {ItemId}: {Action} by {UserId}, now {Status}", item.Id, action, actor.UserId, item.Status);
        return await InfoEditAccess.ModelAsync(db, item, cancellationToken);
    }
}
