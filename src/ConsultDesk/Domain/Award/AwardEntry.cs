using System.Text.Json;

namespace ConsultDesk.Domain.Award;

public enum AwardEntryStatus
{
    /// <summary>Saved but not submitted; a draft at the deadline is not judged.</summary>
    Draft,
    Submitted,
    /// <summary>Withdrawn by the entrant before the deadline; its initiative may be entered again.</summary>
    Withdrawn,
}

/// <summary>Who enters: an organisation (a company or group with an accepted Action宣言) or a municipality.</summary>
public enum AwardEntrantKind
{
    Organization,
    Municipality,
}

/// <summary>
/// One entry of an accepted declarant in a round. It is edited from the declarant's link while the entry window is
/// open (drafts, then submitted, changeable until the deadline) and is locked after it, whatever its state.
/// An initiative is the pair (organisation's declaration, partner municipality); <see cref="InitiativeKey"/> is unique
/// in a round, so the same pair cannot be entered twice, by the organisation or by the municipality.
/// </summary>
public sealed class AwardEntry
{
    private AwardEntry() { }

    public const int MaxTitleLength = 200;
    public const int MaxAnswerLength = 2_000;
    public const int MaxOutcomesLength = 4_000;
    public const int MaxAttachments = 5;
    public const long MaxAttachmentBytes = 10L * 1024 * 1024;

    public Guid Id { get; private set; }
    public Guid RoundId { get; private set; }
    public Guid CategoryId { get; private set; }
    /// <summary>The entrant's declaration (its link edits the entry; its contact receives the mails).</summary>
    public Guid DeclarationId { get; private set; }
    public AwardEntrantKind EntrantKind { get; private set; }
    /// <summary>The entrant's 団体コード when the entrant is a municipality.</summary>
    public string? EntrantMunicipalityCode { get; private set; }
    /// <summary>The 連携自治体's 団体コード: required for an organisation's entry.</summary>
    public string? PartnerMunicipalityCode { get; private set; }
    /// <summary>A municipality's entry names the organisation it worked with by its Action宣言 number (required outside 連携パートナー賞).</summary>
    public int? PartnerDeclarationNumber { get; private set; }
    /// <summary>Unique in the round while the entry is not withdrawn; null once withdrawn. See <see cref="AwardInitiative"/>.</summary>
    public string? InitiativeKey { get; private set; }
    public AwardEntryStatus Status { get; private set; }
    /// <summary>The organisation's name when the entry was last saved (from the declaration); never shown to blind judges.</summary>
    public string OrganizationName { get; private set; } = "";
    public string Title { get; private set; } = "";
    public DateOnly PeriodStart { get; private set; }
    /// <summary>Null while the initiative goes on.</summary>
    public DateOnly? PeriodEnd { get; private set; }
    /// <summary>One answer per criterion code, as JSON (<see cref="ReadAnswers"/>).</summary>
    public string Answers { get; private set; } = "{}";
    /// <summary>Outcomes with figures, free text.</summary>
    public string Outcomes { get; private set; } = "";
    /// <summary>On the shortlist (最終審査), set by admins after judging closes.</summary>
    public bool Shortlisted { get; private set; }
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    public DateTime? WithdrawnAt { get; private set; }

    public static AwardEntry Create(Guid roundId, Guid declarationId, AwardEntryContent content, AwardInitiative initiative, DateTime nowUtc)
    {
        var entry = new AwardEntry
        {
            Id = Guid.CreateVersion7(),
            RoundId = roundId,
            DeclarationId = declarationId,
            Status = AwardEntryStatus.Draft,
            Version = 1,
            CreatedAt = nowUtc,
        };
        entry.Apply(content, initiative, nowUtc);
        return entry;
    }

    /// <summary>Saves new content (a draft stays a draft, a submitted entry stays submitted). The caller checks the window.</summary>
    public void Change(AwardEntryContent content, AwardInitiative initiative, DateTime nowUtc)
    {
        if (Status == AwardEntryStatus.Withdrawn) throw new AwardRuleException(AwardRule.EntryNotEditable);
        Apply(content, initiative, nowUtc);
        Version++;
    }

    public void Submit(DateTime nowUtc)
    {
        if (Status == AwardEntryStatus.Withdrawn) throw new AwardRuleException(AwardRule.EntryNotEditable);
        Status = AwardEntryStatus.Submitted;
        SubmittedAt = nowUtc;
        UpdatedAt = nowUtc;
        Version++;
    }

    /// <summary>Withdrawn before the deadline: the initiative is free again.</summary>
    public void Withdraw(DateTime nowUtc)
    {
        if (Status == AwardEntryStatus.Withdrawn) throw new AwardRuleException(AwardRule.EntryNotEditable);
        Status = AwardEntryStatus.Withdrawn;
        WithdrawnAt = nowUtc;
        InitiativeKey = null;
        UpdatedAt = nowUtc;
        Version++;
    }

    public void SetShortlisted(bool shortlisted, DateTime nowUtc)
    {
        Shortlisted = shortlisted;
        UpdatedAt = nowUtc;
        Version++;
    }

    public IReadOnlyDictionary<string, string> ReadAnswers() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Answers) ?? [];

    private void Apply(AwardEntryContent content, AwardInitiative initiative, DateTime nowUtc)
    {
        CategoryId = content.CategoryId;
        EntrantKind = initiative.EntrantKind;
        EntrantMunicipalityCode = initiative.EntrantMunicipalityCode;
        PartnerMunicipalityCode = initiative.PartnerMunicipalityCode;
        PartnerDeclarationNumber = initiative.PartnerDeclarationNumber;
        InitiativeKey = initiative.Key;
        OrganizationName = content.OrganizationName;
        Title = content.Title.Trim();
        PeriodStart = content.PeriodStart;
        PeriodEnd = content.PeriodEnd;
        Answers = JsonSerializer.Serialize(content.Answers.ToDictionary(a => a.Key, a => a.Value.Trim(), StringComparer.Ordinal));
        Outcomes = content.Outcomes.Trim();
        UpdatedAt = nowUtc;
    }
}

/// <summary>What an entrant writes (validated by the use case: lengths, one answer per criterion, the period under way).</summary>
public sealed record AwardEntryContent
{
    public required Guid CategoryId { get; init; }
    public required string OrganizationName { get; init; }
    public required string Title { get; init; }
    public required DateOnly PeriodStart { get; init; }
    public DateOnly? PeriodEnd { get; init; }
    public required IReadOnlyDictionary<string, string> Answers { get; init; }
    public required string Outcomes { get; init; }
}

/// <summary>
/// Who entered with whom, and the key that makes an initiative enterable once per round. An initiative is the pair
/// of the organisation (its declaration) and the municipality: an organisation's entry names its partner
/// municipality; a municipality's entry names its partner organisation by Action宣言 number. Both give the same key,
/// so whichever enters second gets a 409. A municipality's 連携パートナー賞 entry has its own key (one per
/// municipality per round) and is tied to the organisations' entries that name it as partner.
/// </summary>
public sealed record AwardInitiative(AwardEntrantKind EntrantKind, string? EntrantMunicipalityCode, string? PartnerMunicipalityCode,
    int? PartnerDeclarationNumber, string Key)
{
    /// <param name="organizationDeclarationId">The organisation's declaration: the entrant's own for an organisation, the partner's for a municipality.</param>
    public static string PairKey(Guid organizationDeclarationId, string municipalityCode) => $"pair:{organizationDeclarationId:N}:{municipalityCode}";

    public static string PartnerAwardKey(string municipalityCode) => $"partner:{municipalityCode}";

    public static AwardInitiative ForOrganization(Guid ownDeclarationId, string partnerMunicipalityCode) =>
        new(AwardEntrantKind.Organization, null, partnerMunicipalityCode, null, PairKey(ownDeclarationId, partnerMunicipalityCode));

    public static AwardInitiative ForMunicipality(string ownMunicipalityCode, Guid partnerDeclarationId, int partnerDeclarationNumber) =>
        new(AwardEntrantKind.Municipality, ownMunicipalityCode, null, partnerDeclarationNumber, PairKey(partnerDeclarationId, ownMunicipalityCode));

    public static AwardInitiative ForPartnerAward(string ownMunicipalityCode) =>
        new(AwardEntrantKind.Municipality, ownMunicipalityCode, null, null, PartnerAwardKey(ownMunicipalityCode));

    /// <summary>The municipality of the initiative, whichever side entered.</summary>
    public string? MunicipalityCode => EntrantMunicipalityCode ?? PartnerMunicipalityCode;
}

/// <summary>A file of an entry, stored once by SHA-256 in the attachment store. Blind judges see it as 「添付資料1.pdf」, never by name.</summary>
public sealed class AwardAttachment
{
    private AwardAttachment() { }

    public Guid Id { get; private set; }
    public Guid EntryId { get; private set; }
    /// <summary>1-based order within the entry (also the blind name's number).</summary>
    public int Position { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";
    public DateTime UploadedAt { get; private set; }

    public static AwardAttachment Create(Guid entryId, int position, string fileName, string contentType, long size, string sha256, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(),
        EntryId = entryId,
        Position = position,
        FileName = fileName,
        ContentType = contentType,
        Size = size,
        Sha256 = sha256,
        UploadedAt = nowUtc,
    };

    /// <summary>The name blind judges see: the position and the type's extension, nothing the entrant typed.</summary>
    public string BlindFileName(string extension) => $"attachment-{Position}{extension}";
}
