namespace ConsultDesk.Domain;

/// <summary>Where a case stands in the desk's lifecycle. Stored as its kebab-case name.</summary>
public enum CaseStatus
{
    New,
    Triaged,
    InConsultation,
    InSupport,
    Matching,
    WaitingOnInquirer,
    Resolved,
    Closed,
}
