using ConsultDesk.Data;
using ConsultDesk.Domain;

namespace ConsultDesk.Features.FollowUps;

/// <summary>
/// The one way an inquirer's message (mail reply or portal) lands on a case: on the timeline, waking a case that
/// waited on it, cancelling the reminders that no longer apply. The caller saves.
/// </summary>
public sealed class InquirerReplies(FollowUpPlanner planner, ServiceLevel serviceLevel)
{
    /// <returns>The message's timeline entry.</returns>
    public async Task<TimelineEntry> ReceiveAsync(Case @case, InquirerMessage message, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var entry = @case.ReceiveInquirerMessage(message, nowUtc, serviceLevel);
        await planner.ReconcileAsync(@case, nowUtc, cancellationToken, cancelReason: "inquirer-replied");
        return entry;
    }
}
