using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.FollowUps;
using ConsultDesk.Mail;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.FollowUps;

/// <summary>
/// Delivers the follow-ups that are due. Each one is re-checked against the case as it is now and completed in one
/// transaction with the mail it causes (an outbox row with a fixed Message-ID), so a crash, a second run or a
/// restart can neither lose it nor send it twice.
/// </summary>
public static class RunDueFollowUps
{
    public sealed record Command : ICommand<Response>, ISystemMessage;

    public sealed record Response(int Sent, int Cancelled, int Skipped, int Conflicts)
    {
        public bool BatchWasFull { get; init; }
    }

    public sealed class Handler(ConsultDeskDbContext db, WriteGate gate, FollowUpMail mail, FollowUpPlanner planner, ServiceLevel serviceLevel,
        IOptions<ConsultDeskOptions> options, TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var batchSize = options.Value.FollowUps.BatchSize;
            var due = await db.FollowUps.AsNoTracking()
                .Where(f => f.State == FollowUpState.Scheduled && f.DueAt <= now)
                .OrderBy(f => f.DueAt)
                .Select(f => f.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken);

            int sent = 0, cancelled = 0, skipped = 0, conflicts = 0;
            foreach (var id in due)
            {
                db.ChangeTracker.Clear();
                var followUp = await db.FollowUps.SingleOrDefaultAsync(f => f.Id == id && f.State == FollowUpState.Scheduled, cancellationToken);
                if (followUp is null) continue;
                var @case = await db.Cases.SingleAsync(c => c.Id == followUp.CaseId, cancellationToken);
                var runAt = clock.GetUtcNow().UtcDateTime;
                try
                {
                    await CompleteAsync(followUp, @case, runAt, cancellationToken);
                    await gate.SaveChangesAsync(db, cancellationToken);
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Another run completed it, or someone changed the case meanwhile: the next sweep looks again.
                    conflicts++;
                    continue;
                }
                catch (Exception ex) when (ex is InvalidOperationException or FormatException or Fluid.ParseException)
                {
                    // A follow-up that cannot be composed (say, a template broken in a way its check missed) must not
                    // hold up the ones behind it: it is set aside, visibly, on the case.
                    logger.LogError(ex, "Follow-up {FollowUpId} ({Rule}) could not be completed", followUp.Id, followUp.Rule);
                    await SetAsideAsync(id, followUp.CaseId, followUp.Rule, runAt, cancellationToken);
                    skipped++;
                    continue;
                }
                switch (followUp.State)
                {
                    case FollowUpState.Sent: sent++; break;
                    case FollowUpState.Cancelled: cancelled++; break;
                    default: skipped++; break;
                }
                logger.LogInformation("Follow-up {FollowUpId} ({Rule}) on case {CaseId}: {State}", followUp.Id, followUp.Rule, @case.Id, followUp.State);
            }
            db.ChangeTracker.Clear();
            return new Response(sent, cancelled, skipped, conflicts) { BatchWasFull = due.Count == batchSize };
        }

        private async Task SetAsideAsync(Guid id, Guid caseId, FollowUpRule rule, DateTime now, CancellationToken cancellationToken)
        {
            db.ChangeTracker.Clear();
            var row = await db.FollowUps.SingleAsync(f => f.Id == id, cancellationToken);
            row.Skip("error", now);
            CaseTimeline.Record(db, TimelineEntry.Create(caseId, "follow-up-skipped", now, new { followUpId = id, rule = Wire.Name(rule), reason = "error" }));
            await gate.SaveChangesAsync(db, cancellationToken);
        }

        /// <summary>Decides and stages everything one follow-up does.</summary>
        private async Task CompleteAsync(FollowUp followUp, Case @case, DateTime now, CancellationToken cancellationToken)
        {
            var rule = Wire.Name(followUp.Rule);
            if (!FollowUpPlanner.StillApplies(followUp, @case))
            {
                followUp.Cancel("no-longer-applies", now);
                CaseTimeline.Record(db, TimelineEntry.Create(@case.Id, "follow-up-cancelled", now, new { followUpId = followUp.Id, rule, reason = "no-longer-applies" }));
                return;
            }
            if (!FollowUp.IsEssential(followUp.Rule) && !FollowUp.IsInternal(followUp.Rule)
                && await db.MailOptOuts.AnyAsync(o => o.EmailNormalized == @case.EmailNormalized, cancellationToken))
            {
                followUp.Skip("opted-out", now);
                CaseTimeline.Record(db, TimelineEntry.Create(@case.Id, "follow-up-skipped", now, new { followUpId = followUp.Id, rule, reason = "opted-out" }));
                return;
            }

            List<OutboxMail> mails = followUp.Rule switch
            {
                FollowUpRule.ConsultationFollowUp => await mail.ConsultationFollowUpAsync(@case, followUp, now, cancellationToken) is { } m ? [m] : [],
                FollowUpRule.WaitingReminder1 => [await mail.ReminderAsync(@case, 1, mail.AutoCloseAt(@case), now, cancellationToken)],
                FollowUpRule.WaitingReminder2 => [await mail.ReminderAsync(@case, 2, mail.AutoCloseAt(@case), now, cancellationToken)],
                FollowUpRule.WaitingAutoClose => await CloseForNoResponseAsync(followUp, @case, now, cancellationToken),
                FollowUpRule.SatisfactionSurvey => [await mail.SurveyAsync(@case, now, cancellationToken)],
                FollowUpRule.UnassignedEscalation => await mail.EscalationAsync(@case, now, cancellationToken),
                _ => [],
            };
            db.Outbox.AddRange(mails);
            followUp.MarkSent(mails.FirstOrDefault()?.Id, now);
            CaseTimeline.Record(db, TimelineEntry.Create(@case.Id, "follow-up-sent", now,
                new { followUpId = followUp.Id, rule, outboxMailIds = mails.Select(m => m.Id).ToArray(), recipients = mails.Count }));
        }

        private async Task<List<OutboxMail>> CloseForNoResponseAsync(FollowUp followUp, Case @case, DateTime now, CancellationToken cancellationToken)
        {
            // Completed first, so closing the case does not cancel the very follow-up that closes it.
            followUp.MarkSent(null, now);
            @case.TransitionTo(CaseStatus.Closed, CloseReason.NoResponse, null, null, now, serviceLevel);
            await planner.ReconcileAsync(@case, now, cancellationToken, cancelReason: "closed");
            return [await mail.ClosingNoticeAsync(@case, now, cancellationToken)];
        }
    }
}
