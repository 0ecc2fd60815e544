namespace ConsultDesk.Domain;

/// <summary>An inquiry as the desk works it: stored once at intake, then owned, moved and answered.</summary>
public sealed class Case
{
    private readonly List<CaseTopic> topics = [];
    private readonly List<TimelineEntry> timeline = [];

    private Case() { }

    public Guid Id { get; private set; }
    public string Reference { get; private set; } = "";
    public CaseStatus Status { get; private set; }
    public IntakeSource Source { get; private set; }
    public InquiryLanguage Language { get; private set; }
    public DateTime SubmittedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    /// <summary>Optimistic concurrency token; later the API exposes it as the case's ETag.</summary>
    public int Version { get; private set; }

    public InquirerType InquirerType { get; private set; }
    public string? OrganizationName { get; private set; }
    public string? OrganizationNameKana { get; private set; }
    public string? Department { get; private set; }
    public string? LocalGovernmentCode { get; private set; }
    public string? Industry { get; private set; }
    public int? Employees { get; private set; }
    public string FamilyName { get; private set; } = "";
    public string GivenName { get; private set; } = "";
    public string FamilyNameKana { get; private set; } = "";
    public string GivenNameKana { get; private set; } = "";
    public string Email { get; private set; } = "";
    /// <summary>Lower-cased address, indexed: per-address limits and lookups must not depend on how it was typed.</summary>
    public string EmailNormalized { get; private set; } = "";
    public string? Phone { get; private set; }
    public string? Title { get; private set; }
    public string PrefectureCode { get; private set; } = "";
    public ContactChannel PreferredChannel { get; private set; }
    public IReadOnlyList<TimeSlot> PreferredSlots { get; private set; } = [];
    public string Subject { get; private set; } = "";
    public string Message { get; private set; } = "";
    public DateTime PrivacyConsentAt { get; private set; }

    public string ContactName => $"{FamilyName} {GivenName}";
    public IReadOnlyList<CaseTopic> Topics => topics;
    public IReadOnlyList<TimelineEntry> Timeline => timeline;

    public static Case Submit(string reference, Inquiry inquiry, IntakeSource source, DateTime nowUtc)
    {
        var @case = new Case
        {
            Id = Guid.CreateVersion7(),
            Reference = reference,
            Status = CaseStatus.New,
            Source = source,
            Language = inquiry.Language,
            SubmittedAt = nowUtc,
            UpdatedAt = nowUtc,
            Version = 1,
            InquirerType = inquiry.InquirerType,
            OrganizationName = inquiry.OrganizationName,
            OrganizationNameKana = inquiry.OrganizationNameKana,
            Department = inquiry.Department,
            LocalGovernmentCode = inquiry.LocalGovernmentCode,
            Industry = inquiry.Industry,
            Employees = inquiry.Employees,
            FamilyName = inquiry.FamilyName,
            GivenName = inquiry.GivenName,
            FamilyNameKana = inquiry.FamilyNameKana,
            GivenNameKana = inquiry.GivenNameKana,
            Email = inquiry.Email,
            EmailNormalized = inquiry.Email.ToLowerInvariant(),
            Phone = inquiry.Phone,
            Title = inquiry.Title,
            PrefectureCode = inquiry.PrefectureCode,
            PreferredChannel = inquiry.PreferredChannel,
            PreferredSlots = inquiry.PreferredSlots,
            Subject = inquiry.Subject,
            Message = inquiry.Message,
            PrivacyConsentAt = inquiry.PrivacyConsentAt,
        };
        @case.topics.AddRange(inquiry.Topics.Distinct(StringComparer.Ordinal).Select(t => new CaseTopic(@case.Id, t)));
        @case.timeline.Add(TimelineEntry.Submitted(@case.Id, source, nowUtc));
        return @case;
    }
}

/// <summary>One topic of a case, a row of its own so the queue can filter by topic through an index.</summary>
public sealed class CaseTopic
{
    private CaseTopic() { }

    public CaseTopic(Guid caseId, string topic)
    {
        CaseId = caseId;
        Topic = topic;
    }

    public Guid CaseId { get; private set; }
    public string Topic { get; private set; } = "";
}
