namespace ConsultDesk.Domain;

/// <summary>Why a case was closed.</summary>
public enum CloseReason
{
    Duplicate,
    Spam,
    Withdrawn,
    NoResponse,
    Completed,
}

/// <summary>
/// The guarded lifecycle, in one table: new → triaged → in-consultation → in-support → matching → resolved → closed,
/// waiting-on-inquirer from any active status (leaving it returns where the case was), closing from anywhere with a
/// reason, and reopening a resolved case within 30 days.
/// </summary>
public static class CaseLifecycle
{
    public static readonly TimeSpan ReopenWindow = TimeSpan.FromDays(30);

    private static readonly CaseStatus[] Working = [CaseStatus.InConsultation, CaseStatus.InSupport, CaseStatus.Matching];

    public static bool IsActive(CaseStatus status) =>
        status is CaseStatus.New or CaseStatus.Triaged or CaseStatus.InConsultation or CaseStatus.InSupport or CaseStatus.Matching;

    public static bool IsOpen(CaseStatus status) => status is not CaseStatus.Resolved and not CaseStatus.Closed;

    /// <summary>The statuses a case may move to next, in the order a consultant would consider them.</summary>
    public static IReadOnlyList<CaseStatus> Next(CaseStatus from, CaseStatus? beforeWaiting, DateTime? resolvedAt, DateTime nowUtc) => from switch
    {
        CaseStatus.New => [CaseStatus.Triaged, CaseStatus.WaitingOnInquirer, CaseStatus.Closed],
        CaseStatus.Triaged => [.. Working, CaseStatus.Resolved, CaseStatus.WaitingOnInquirer, CaseStatus.Closed],
        CaseStatus.InConsultation or CaseStatus.InSupport or CaseStatus.Matching =>
            [.. Working.Where(s => s != from), CaseStatus.Resolved, CaseStatus.WaitingOnInquirer, CaseStatus.Closed],
        CaseStatus.WaitingOnInquirer => [beforeWaiting ?? CaseStatus.Triaged, CaseStatus.Closed],
        CaseStatus.Resolved when resolvedAt is { } at && nowUtc - at <= ReopenWindow => [CaseStatus.InConsultation, CaseStatus.Closed],
        CaseStatus.Resolved => [CaseStatus.Closed],
        _ => [],
    };

    public static bool Allows(CaseStatus from, CaseStatus to, CaseStatus? beforeWaiting, DateTime? resolvedAt, DateTime nowUtc) =>
        Next(from, beforeWaiting, resolvedAt, nowUtc).Contains(to);
}
