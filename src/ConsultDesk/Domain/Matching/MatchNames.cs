using ConsultDesk.Resources;

namespace ConsultDesk.Domain.Matching;

/// <summary>Proposal statuses, criteria and timeline entries of matching in the reader's language.</summary>
public static class MatchNames
{
    public static string Of(ProposalStatus status) => status switch
    {
        ProposalStatus.Proposed => Texts.MatchStatusProposed,
        ProposalStatus.ConsentRequested => Texts.MatchStatusConsentRequested,
        ProposalStatus.Consented => Texts.MatchStatusConsented,
        ProposalStatus.Declined => Texts.MatchStatusDeclined,
        ProposalStatus.Introduced => Texts.MatchStatusIntroduced,
        ProposalStatus.MeetingHeld => Texts.MatchStatusMeetingHeld,
        ProposalStatus.Concluded => Texts.MatchStatusConcluded,
        _ => Texts.MatchStatusDropped,
    };

    public static string Criterion(string criterion) => criterion switch
    {
        "region" => Texts.MatchCriterionRegion,
        "capacity" => Texts.MatchCriterionCapacity,
        "cost" => Texts.MatchCriterionCost,
        "incentives" => Texts.MatchCriterionIncentives,
        "industry" => Texts.MatchCriterionIndustry,
        "access" => Texts.MatchCriterionAccess,
        _ => criterion,
    };

    public static string? TimelineType(string type) => type switch
    {
        "match-proposed" => Texts.MatchTimelineProposed,
        "match-consent-requested" => Texts.MatchTimelineConsentRequested,
        "match-consented" => Texts.MatchTimelineConsented,
        "match-declined" => Texts.MatchTimelineDeclined,
        "match-introduced" => Texts.MatchTimelineIntroduced,
        "match-meeting-held" or "match-concluded" or "match-dropped" => Texts.MatchTimelineMoved,
        "match-needs-updated" => Texts.MatchTimelineNeedsUpdated,
        _ => null,
    };
}
