using ConsultDesk.Domain.Calendar;

namespace ConsultDesk.Domain;

/// <summary>The desk's SLA: first response and resolution due after a number of business days, counted in desk hours.</summary>
public sealed class ServiceLevel(BusinessCalendar calendar, int firstResponseBusinessDays, int resolutionBusinessDays, TimeSpan dueSoonDeskTime)
{
    /// <summary>For code paths that create cases without an SLA (tests of other rules): due dates equal submission.</summary>
    public static readonly ServiceLevel Unmeasured = new(new BusinessCalendar([]), 0, 0, TimeSpan.Zero);

    public BusinessCalendar Calendar => calendar;
    public TimeSpan DueSoonDeskTime => dueSoonDeskTime;

    public DateTime FirstResponseDue(DateTime submittedUtc) => calendar.AddBusinessDays(submittedUtc, firstResponseBusinessDays);
    public DateTime ResolutionDue(DateTime submittedUtc) => calendar.AddBusinessDays(submittedUtc, resolutionBusinessDays);

    public TimeSpan DeskTimeBetween(DateTime fromUtc, DateTime toUtc) => calendar.DeskTimeBetween(fromUtc, toUtc);

    /// <summary>Moves a due time later by desk time (the time a case spent waiting on its inquirer).</summary>
    public DateTime Extend(DateTime dueUtc, TimeSpan deskTime) => deskTime <= TimeSpan.Zero ? dueUtc : calendar.AddDeskTime(dueUtc, deskTime);

    /// <summary>ok, due-soon (within the due-soon desk time) or overdue; a case that is not open is always ok.</summary>
    public DueState StateOf(Case @case, DateTime nowUtc)
    {
        if (!@case.IsOpen || @case.Status == CaseStatus.WaitingOnInquirer) return DueState.Ok;
        var due = @case.FirstRespondedAt is null ? @case.FirstResponseDueAt : @case.ResolutionDueAt;
        return StateOf(due, nowUtc);
    }

    public DueState StateOf(DateTime dueUtc, DateTime nowUtc) =>
        nowUtc > dueUtc ? DueState.Overdue
        : calendar.DeskTimeBetween(nowUtc, dueUtc) <= dueSoonDeskTime ? DueState.DueSoon
        : DueState.Ok;
}

public enum DueState
{
    Ok,
    DueSoon,
    Overdue,
}
