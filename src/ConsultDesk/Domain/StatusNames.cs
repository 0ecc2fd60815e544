using ConsultDesk.Resources;

namespace ConsultDesk.Domain;

/// <summary>Names of statuses, reasons and due states as the staff UI shows them (from the resources).</summary>
public static class StatusNames
{
    public static string Of(CaseStatus status) => status switch
    {
        CaseStatus.New => Texts.StatusNew,
        CaseStatus.Triaged => Texts.StatusTriaged,
        CaseStatus.InConsultation => Texts.StatusInConsultation,
        CaseStatus.InSupport => Texts.StatusInSupport,
        CaseStatus.Matching => Texts.StatusMatching,
        CaseStatus.WaitingOnInquirer => Texts.StatusWaitingOnInquirer,
        CaseStatus.Resolved => Texts.StatusResolved,
        _ => Texts.StatusClosed,
    };

    public static string Of(CloseReason reason) => reason switch
    {
        CloseReason.Duplicate => Texts.ReasonDuplicate,
        CloseReason.Spam => Texts.ReasonSpam,
        CloseReason.Withdrawn => Texts.ReasonWithdrawn,
        CloseReason.NoResponse => Texts.ReasonNoResponse,
        _ => Texts.ReasonCompleted,
    };

    public static string Of(DueState state) => state switch
    {
        DueState.Overdue => Texts.DueOverdue,
        DueState.DueSoon => Texts.DueSoon,
        _ => Texts.DueOk,
    };

    public static string MailKind(string kind) => kind switch
    {
        "acknowledgement" => Texts.MailKindAcknowledgement,
        "reply" => Texts.MailKindReply,
        "consultation-invite" => Texts.MailKindInvite,
        "consultation-follow-up" => Texts.MailKindConsultationFollowUp,
        "waiting-reminder" => Texts.MailKindReminder,
        "closing-notice" => Texts.MailKindClosingNotice,
        "satisfaction-survey" => Texts.MailKindSurvey,
        "unassigned-escalation" => Texts.MailKindEscalation,
        "portal-link" => Texts.MailKindPortalLink,
        "password-reset" => Texts.MailKindPasswordReset,
        _ => kind,
    };

    /// <summary>The name of an account audit event kind (<c>roles-changed</c> → ロール変更).</summary>
    public static string AccountEvent(string kind) =>
        Texts.ResourceManager.GetString("AuditKind_" + kind.Replace('-', '_'), System.Globalization.CultureInfo.CurrentUICulture) ?? kind;

    public static string TimelineType(string type) => type switch
    {
        "submitted" => Texts.TimelineSubmitted,
        "mail-sent" => Texts.TimelineMailSent,
        "mail-failed" => Texts.TimelineMailFailed,
        "mail-retried" => Texts.OutboxTimelineRetried,
        "claimed" => Texts.TimelineClaimed,
        "assigned" => Texts.TimelineAssigned,
        "released" => Texts.TimelineReleased,
        "transition" => Texts.TimelineTransition,
        "note" => Texts.TimelineNote,
        "consultation" => Texts.TimelineConsultation,
        "task" => Texts.TimelineTask,
        "message" => Texts.TimelineMessage,
        "internal-mail" => Texts.TimelineInternalMail,
        "merge" => Texts.TimelineMerge,
        "survey-answered" => Texts.TimelineSurveyAnswered,
        "opted-out" => Texts.TimelineOptedOut,
        "follow-up-sent" => Texts.TimelineFollowUpSent,
        "follow-up-cancelled" => Texts.TimelineFollowUpCancelled,
        "follow-up-skipped" => Texts.TimelineFollowUpSkipped,
        _ => Matching.MatchNames.TimelineType(type) ?? type,
    };

    public static string FollowUpRule(string rule) => rule switch
    {
        "consultation-follow-up" => Texts.FollowUpConsultation,
        "waiting-reminder1" => Texts.FollowUpReminder1,
        "waiting-reminder2" => Texts.FollowUpReminder2,
        "waiting-auto-close" => Texts.FollowUpAutoClose,
        "satisfaction-survey" => Texts.FollowUpSurvey,
        "unassigned-escalation" => Texts.FollowUpEscalation,
        _ => rule,
    };

    public static string FollowUpReason(string? reason) => reason switch
    {
        "inquirer-replied" => Texts.FollowUpReasonReplied,
        "status-changed" or "no-longer-applies" => Texts.FollowUpReasonStatusChanged,
        "closed" => Texts.FollowUpReasonClosed,
        "opted-out" => Texts.FollowUpReasonOptedOut,
        "error" => Texts.FollowUpReasonError,
        null => "",
        _ => reason,
    };
}
