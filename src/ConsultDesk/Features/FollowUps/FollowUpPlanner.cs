using ConsultDesk.Common;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.FollowUps;

/// <summary>Schedules a job at a follow-up's due time; the recurring sweep covers anything this loses.</summary>
public interface IFollowUpSignal
{
    void Planned(DateTime dueAtUtc);
}

/// <summary>
/// Keeps a case's follow-up rows in step with the case. Most journeys follow from the case's state (waiting since
/// T → reminders and auto-close from T; resolved at T → survey; unassigned → escalation at the due time), so after
/// any change the planner adds the rows the new state calls for and cancels those it no longer does. Call
/// <see cref="ReconcileAsync"/> before saving a case change; once the save commits, <see cref="Data.SignalAfterCommit"/>
/// schedules the runs for the rows it added.
/// </summary>
public sealed class FollowUpPlanner(ConsultDeskDbContext db, IOptions<ConsultDeskOptions> options, ServiceLevel serviceLevel)
{
    public async Task ReconcileAsync(Case @case, DateTime nowUtc, CancellationToken cancellationToken, string cancelReason = "status-changed")
    {
        var desired = Desired(@case).ToList();
        var isNew = db.Entry(@case).State == EntityState.Added;
        var existing = isNew ? [] : await db.FollowUps.Where(f => f.CaseId == @case.Id).ToListAsync(cancellationToken);
        existing.AddRange(db.FollowUps.Local.Where(f => f.CaseId == @case.Id && !existing.Contains(f)));

        foreach (var row in existing.Where(f => f.State == FollowUpState.Scheduled && !StillApplies(f, @case)))
        {
            row.Cancel(cancelReason, nowUtc);
            // A case taken in time is the normal course, not news: only journeys the inquirer would have noticed are listed.
            if (!FollowUp.IsInternal(row.Rule))
                CaseTimeline.Record(db, TimelineEntry.Create(@case.Id, "follow-up-cancelled", nowUtc, new { followUpId = row.Id, rule = Wire.Name(row.Rule), reason = cancelReason }));
        }
        foreach (var (rule, key, dueAt) in desired)
            if (!existing.Any(f => f.Rule == rule && f.Key == key))
                Add(FollowUp.Plan(@case.Id, rule, key, dueAt, nowUtc));
    }

    /// <summary>
    /// The thank-you with next steps after a consultation: an event, not a state, so it is planned explicitly.
    /// It is due the configured delay (1bd by default) after the consultation <em>ends</em> (its start plus its
    /// duration) on the desk's business calendar, never counted from when it was recorded: a consultation booked for
    /// Thursday 10:00–11:00 is thanked on Friday 11:00 (or the next business day's, over a weekend or holiday).
    /// A consultation recorded after it took place is due at the same moment, one business day after it ended; if
    /// that moment has already passed when it is recorded, the thanks is due at once (<paramref name="nowUtc"/>), so
    /// the next run sends it rather than dating a row in the past.
    /// </summary>
    public void PlanConsultationFollowUp(Case @case, Consultation consultation, DateTime nowUtc)
    {
        if (DelayOf(FollowUpRule.ConsultationFollowUp) is not { } delay) return;
        var dueAt = delay.After(consultation.EndsAt, serviceLevel.Calendar);
        if (dueAt < nowUtc) dueAt = nowUtc;
        Add(FollowUp.Plan(@case.Id, FollowUpRule.ConsultationFollowUp, consultation.Id.ToString("N"), dueAt, nowUtc));
    }

    /// <summary>Whether a scheduled follow-up still belongs to the case as it is now; checked again when it fires.</summary>
    public static bool StillApplies(FollowUp followUp, Case @case) => followUp.Rule switch
    {
        FollowUpRule.ConsultationFollowUp => @case.Status != CaseStatus.Closed && @case.MergedIntoId is null,
        FollowUpRule.WaitingReminder1 or FollowUpRule.WaitingReminder2 or FollowUpRule.WaitingAutoClose =>
            @case.Status == CaseStatus.WaitingOnInquirer && followUp.Key == WaitingKey(@case),
        FollowUpRule.SatisfactionSurvey => @case.Status == CaseStatus.Resolved && followUp.Key == ResolvedKey(@case),
        FollowUpRule.UnassignedEscalation => IsUnattended(@case) && followUp.Key == EscalationKey(@case),
        _ => false,
    };

    private IEnumerable<(FollowUpRule Rule, string Key, DateTime DueAt)> Desired(Case @case)
    {
        var calendar = serviceLevel.Calendar;
        if (@case.Status == CaseStatus.WaitingOnInquirer && @case.WaitingSince is { } since)
            foreach (var rule in (FollowUpRule[])[FollowUpRule.WaitingReminder1, FollowUpRule.WaitingReminder2, FollowUpRule.WaitingAutoClose])
                if (DelayOf(rule) is { } delay)
                    yield return (rule, WaitingKey(@case)!, delay.After(since, calendar));
        if (@case.Status == CaseStatus.Resolved && @case.ResolvedAt is { } resolvedAt && DelayOf(FollowUpRule.SatisfactionSurvey) is { } surveyDelay)
            yield return (FollowUpRule.SatisfactionSurvey, ResolvedKey(@case)!, surveyDelay.After(resolvedAt, calendar));
        // Escalation runs on the clock, not the calendar: the due time already counts desk hours.
        if (IsUnattended(@case) && DelayOf(FollowUpRule.UnassignedEscalation) is { } escalationDelay)
            yield return (FollowUpRule.UnassignedEscalation, EscalationKey(@case), escalationDelay.After(@case.FirstResponseDueAt, calendar));
    }

    private static bool IsUnattended(Case @case) =>
        @case.IsOpen && @case.AssigneeId is null && @case.FirstRespondedAt is null && @case.MergedIntoId is null;

    private static string? WaitingKey(Case @case) => @case.WaitingSince is { } at ? $"waiting:{Microseconds(at)}" : null;
    private static string? ResolvedKey(Case @case) => @case.ResolvedAt is { } at ? $"resolved:{Microseconds(at)}" : null;
    private static string EscalationKey(Case @case) => $"due:{Microseconds(@case.FirstResponseDueAt)}";

    // PostgreSQL keeps timestamps to the microsecond: a key made of finer ticks would not match the case once re-read.
    private static long Microseconds(DateTime at) => at.Ticks / TimeSpan.TicksPerMicrosecond;

    private FollowUpDelay? DelayOf(FollowUpRule rule)
    {
        var settings = options.Value.FollowUps;
        var rule_ = rule switch
        {
            FollowUpRule.ConsultationFollowUp => settings.ConsultationFollowUp,
            FollowUpRule.WaitingReminder1 => settings.WaitingReminder1,
            FollowUpRule.WaitingReminder2 => settings.WaitingReminder2,
            FollowUpRule.WaitingAutoClose => settings.WaitingAutoClose,
            FollowUpRule.SatisfactionSurvey => settings.SatisfactionSurvey,
            _ => settings.UnassignedEscalation,
        };
        return rule_.Enabled ? FollowUpDelay.Parse(rule_.Delay) : null;
    }

    private void Add(FollowUp row) => db.FollowUps.Add(row);
}
