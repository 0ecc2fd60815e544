namespace ConsultDesk.Domain.FollowUps;

/// <summary>The follow-up journeys the desk runs on its own; each names the event that starts it.</summary>
public enum FollowUpRule
{
    /// <summary>Thanks and the recorded next steps, one business day (by default) after the consultation ends.</summary>
    ConsultationFollowUp,
    /// <summary>First reminder while the case waits on its inquirer.</summary>
    WaitingReminder1,
    WaitingReminder2,
    /// <summary>Closes a case whose inquirer never answered, with a closing notice.</summary>
    WaitingAutoClose,
    /// <summary>A link to the portal survey after the case is resolved.</summary>
    SatisfactionSurvey,
    /// <summary>Internal: tells the managers about a case nobody took before its first-response due time.</summary>
    UnassignedEscalation,
}

public enum FollowUpState
{
    Scheduled,
    Sent,
    /// <summary>The condition stopped holding before it was due (a reply, a status change).</summary>
    Cancelled,
    /// <summary>It was due but not sent (e.g. the inquirer opted out of non-essential mail).</summary>
    Skipped,
}

/// <summary>
/// One planned follow-up: a row first (so no crash or job-storage loss can forget it), delivered by a job that
/// re-checks the case when it fires. <see cref="Key"/> names the case state it belongs to (the moment the case
/// started waiting, the consultation), so the same journey is never planned twice.
/// </summary>
public sealed class FollowUp
{
    private FollowUp() { }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public FollowUpRule Rule { get; private set; }
    public string Key { get; private set; } = "";
    public DateTime DueAt { get; private set; }
    /// <summary>Concurrency token: two runs that pick the same row cannot both complete it.</summary>
    public FollowUpState State { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    /// <summary>Why it was cancelled or skipped (a short code), or which outbox mail it sent.</summary>
    public string? Outcome { get; private set; }
    public Guid? OutboxMailId { get; private set; }

    public static FollowUp Plan(Guid caseId, FollowUpRule rule, string key, DateTime dueAt, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = caseId,
        Rule = rule,
        Key = key,
        DueAt = dueAt,
        State = FollowUpState.Scheduled,
        CreatedAt = nowUtc,
    };

    public void MarkSent(Guid? outboxMailId, DateTime nowUtc)
    {
        State = FollowUpState.Sent;
        OutboxMailId = outboxMailId;
        CompletedAt = nowUtc;
    }

    public void Cancel(string reason, DateTime nowUtc)
    {
        State = FollowUpState.Cancelled;
        Outcome = reason;
        CompletedAt = nowUtc;
    }

    public void Skip(string reason, DateTime nowUtc)
    {
        State = FollowUpState.Skipped;
        Outcome = reason;
        CompletedAt = nowUtc;
    }

    /// <summary>Non-essential mails honour an opt-out and carry List-Unsubscribe; essential ones always go.</summary>
    public static bool IsEssential(FollowUpRule rule) => rule is FollowUpRule.ConsultationFollowUp or FollowUpRule.WaitingAutoClose;

    public static bool IsInternal(FollowUpRule rule) => rule == FollowUpRule.UnassignedEscalation;
}
