namespace ConsultDesk.Domain.Matching;

/// <summary>
/// proposed → consent-requested → consented | declined → introduced → meeting-held → concluded | dropped.
/// Dropping is possible from any state before concluded.
/// </summary>
public enum ProposalStatus
{
    Proposed,
    ConsentRequested,
    Consented,
    Declined,
    Introduced,
    MeetingHeld,
    Concluded,
    Dropped,
}

/// <summary>
/// An introduction the desk proposes between a company (the case) and a municipality. The company's details may
/// be shared only after the company agreed (APPI Art. 27): <see cref="Introduce"/> refuses anything else.
/// </summary>
public sealed class MatchProposal
{
    private MatchProposal() { }

    public Guid Id { get; private set; }
    /// <summary>The company case whose details would be shared.</summary>
    public Guid CaseId { get; private set; }
    /// <summary>When a municipality case started it (it asked to meet companies of a kind).</summary>
    public Guid? MunicipalityCaseId { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    public ProposalStatus Status { get; private set; }
    public string? Note { get; private set; }
    /// <summary>What the company agrees to share (field names, e.g. organization, contact-name, email, phone, needs).</summary>
    public List<string> SharedFields { get; private set; } = [];
    public DateTime CreatedAt { get; private set; }
    public Guid CreatedById { get; private set; }
    public DateTime? ConsentRequestedAt { get; private set; }
    public DateTime? ConsentAnsweredAt { get; private set; }
    public DateTime? IntroducedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    /// <summary>Concurrency token and the API's ETag.</summary>
    public int Version { get; private set; }

    public static readonly IReadOnlyList<string> DefaultSharedFields = ["organization", "contact-name", "email", "phone", "needs"];

    public static MatchProposal Propose(Guid companyCaseId, string municipalityCode, string? note, Guid actorId, DateTime nowUtc, Guid? municipalityCaseId = null) => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = companyCaseId,
        MunicipalityCaseId = municipalityCaseId,
        MunicipalityCode = municipalityCode,
        Status = ProposalStatus.Proposed,
        Note = note,
        SharedFields = [.. DefaultSharedFields],
        CreatedAt = nowUtc,
        CreatedById = actorId,
        UpdatedAt = nowUtc,
        Version = 1,
    };

    public static IReadOnlyList<ProposalStatus> Next(ProposalStatus from) => from switch
    {
        ProposalStatus.Proposed => [ProposalStatus.ConsentRequested, ProposalStatus.Dropped],
        ProposalStatus.ConsentRequested => [ProposalStatus.Consented, ProposalStatus.Declined, ProposalStatus.Dropped],
        ProposalStatus.Consented => [ProposalStatus.Introduced, ProposalStatus.Dropped],
        ProposalStatus.Introduced => [ProposalStatus.MeetingHeld, ProposalStatus.Dropped],
        ProposalStatus.MeetingHeld => [ProposalStatus.Concluded, ProposalStatus.Dropped],
        _ => [],
    };

    public void RequestConsent(IEnumerable<string> sharedFields, DateTime nowUtc)
    {
        Move(ProposalStatus.ConsentRequested, nowUtc);
        SharedFields = [.. sharedFields.Distinct(StringComparer.Ordinal)];
        ConsentRequestedAt = nowUtc;
    }

    public void AnswerConsent(bool agreed, DateTime nowUtc)
    {
        Move(agreed ? ProposalStatus.Consented : ProposalStatus.Declined, nowUtc);
        ConsentAnsweredAt = nowUtc;
    }

    /// <summary>The consent gate: only a consented proposal can be introduced.</summary>
    public void Introduce(DateTime nowUtc)
    {
        if (Status != ProposalStatus.Consented) throw new ProposalRuleException("consent-required", Status, ProposalStatus.Introduced);
        Move(ProposalStatus.Introduced, nowUtc);
        IntroducedAt = nowUtc;
    }

    public void MoveTo(ProposalStatus to, DateTime nowUtc)
    {
        if (to is ProposalStatus.ConsentRequested or ProposalStatus.Consented or ProposalStatus.Declined or ProposalStatus.Introduced)
            throw new ProposalRuleException("use-the-dedicated-step", Status, to);
        Move(to, nowUtc);
    }

    private void Move(ProposalStatus to, DateTime nowUtc)
    {
        if (!Next(Status).Contains(to)) throw new ProposalRuleException("illegal-transition", Status, to);
        Status = to;
        UpdatedAt = nowUtc;
        Version++;
    }
}

public sealed class ProposalRuleException(string code, ProposalStatus from, ProposalStatus to) : Exception($"Proposal rule broken: {code} ({from} → {to}).")
{
    public string Code { get; } = code;
    public ProposalStatus From { get; } = from;
    public ProposalStatus To { get; } = to;
}
