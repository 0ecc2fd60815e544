using ConsultDesk.Domain.Calendar;

namespace ConsultDesk.Domain.Reporting;

/// <summary>
/// One narrow row per case that the manager reports aggregate over, kept current in the same transaction as every
/// case change (see <c>KeepCaseReportRowsCurrent</c>) and rebuildable from the cases (<c>rebuild-report-rows</c>).
/// Days are JST calendar dates as <c>yyyymmdd</c> integers so reports group and range over plain indexed integers,
/// and desk time is measured once, on the one business calendar, when the moment happens.
/// </summary>
public sealed class CaseReportRow
{
    private CaseReportRow() { }

    public Guid CaseId { get; private set; }
    public DateTime SubmittedAt { get; private set; }
    public int SubmittedOn { get; private set; }
    public InquirerType InquirerType { get; private set; }
    public string PrefectureCode { get; private set; } = "";
    /// <summary>Bit i set for <see cref="Topic.All"/>[i]; a case has one to a few topics.</summary>
    public int TopicMask { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public CaseStatus Status { get; private set; }
    public DateTime DueAt { get; private set; }
    public DateTime? FirstRespondedAt { get; private set; }
    /// <summary>Desk time from submission to first response in whole quarter hours (rounded down).</summary>
    public int? FirstResponseQuarterHours { get; private set; }
    public bool? FirstResponseMet { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public int? ResolvedOn { get; private set; }
    public int? ResolutionQuarterHours { get; private set; }
    public bool? ResolutionMet { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public int? ClosedOn { get; private set; }
    /// <summary>When the case left the open states (resolved, else closed); null while it is open. Drives the backlog.</summary>
    public int? FinishedOn { get; private set; }
    /// <summary>The funnel stages the case has ever reached (<see cref="ReportMilestones"/>); bits are only ever added.</summary>
    public int Milestones { get; private set; }

    public static CaseReportRow For(Case @case, BusinessCalendar calendar)
    {
        var row = new CaseReportRow { CaseId = @case.Id, TopicMask = @case.TopicMask };
        row.Refresh(@case, calendar);
        return row;
    }

    /// <summary>Copies the case's current state; the milestone of its current status is added to those reached before.</summary>
    public void Refresh(Case @case, BusinessCalendar calendar)
    {
        SubmittedAt = @case.SubmittedAt;
        SubmittedOn = DayOf(@case.SubmittedAt);
        InquirerType = @case.InquirerType;
        PrefectureCode = @case.PrefectureCode;
        AssigneeId = @case.AssigneeId;
        Status = @case.Status;
        DueAt = @case.DueAt;

        if (FirstRespondedAt != @case.FirstRespondedAt)
        {
            FirstRespondedAt = @case.FirstRespondedAt;
            FirstResponseQuarterHours = @case.FirstRespondedAt is { } responded ? DeskQuarterHours(calendar, @case.SubmittedAt, responded) : null;
            FirstResponseMet = @case.FirstRespondedAt is { } at ? at <= @case.FirstResponseDueAt : null;
        }
        if (ResolvedAt != @case.ResolvedAt)
        {
            ResolvedAt = @case.ResolvedAt;
            ResolvedOn = @case.ResolvedAt is { } resolved ? DayOf(resolved) : null;
            ResolutionQuarterHours = @case.ResolvedAt is { } r ? DeskQuarterHours(calendar, @case.SubmittedAt, r) : null;
            ResolutionMet = @case.ResolvedAt is { } at ? at <= @case.ResolutionDueAt : null;
        }
        ClosedAt = @case.ClosedAt;
        ClosedOn = @case.ClosedAt is { } closed ? DayOf(closed) : null;
        FinishedOn = CaseLifecycle.IsOpen(@case.Status) ? null : ResolvedOn ?? ClosedOn;
        Milestones |= ReportMilestones.Of(@case.Status);
    }

    public void Reach(int milestones) => Milestones |= milestones;

    /// <summary>The JST calendar date of an instant as <c>yyyymmdd</c>.</summary>
    public static int DayOf(DateTime utc)
    {
        var japan = JapanTime.FromUtc(utc);
        return japan.Year * 10000 + japan.Month * 100 + japan.Day;
    }

    public static int DayOf(DateOnly date) => date.Year * 10000 + date.Month * 100 + date.Day;

    public static DateOnly DateOf(int day) => new(day / 10000, day / 100 % 100, day % 100);

    // Quarter hours keep speed histograms small enough to group in index order at 10^6 cases, at a precision managers read.
    private static int DeskQuarterHours(BusinessCalendar calendar, DateTime fromUtc, DateTime toUtc) =>
        (int)Math.Floor(calendar.DeskTimeBetween(fromUtc, toUtc).TotalMinutes / 15);
}

/// <summary>The funnel stages as bits: intake → consultation → support → matching → concluded match.</summary>
public static class ReportMilestones
{
    public const int Consultation = 1;
    public const int Support = 2;
    public const int Matching = 4;
    public const int MatchConcluded = 8;

    public static int Of(CaseStatus status) => status switch
    {
        CaseStatus.InConsultation => Consultation,
        CaseStatus.InSupport => Support,
        CaseStatus.Matching => Matching,
        _ => 0,
    };
}
