namespace ConsultDesk.Domain;

/// <summary>
/// What the inquirer told us, already validated and normalised (kana as full-width katakana, phone as digits).
/// The case copies it into its own columns.
/// </summary>
public sealed record Inquiry
{
    public required InquirerType InquirerType { get; init; }
    public string? OrganizationName { get; init; }
    public string? OrganizationNameKana { get; init; }
    public string? Department { get; init; }
    public string? LocalGovernmentCode { get; init; }
    public string? Industry { get; init; }
    public int? Employees { get; init; }

    public required string FamilyName { get; init; }
    public required string GivenName { get; init; }
    public required string FamilyNameKana { get; init; }
    public required string GivenNameKana { get; init; }
    public required string Email { get; init; }
    public string? Phone { get; init; }
    public string? Title { get; init; }

    public required string PrefectureCode { get; init; }
    public string? PostalCode { get; init; }
    public string? AddressMunicipality { get; init; }
    public string? AddressStreet { get; init; }
    public string? AddressBuilding { get; init; }
    public required IReadOnlyList<string> Topics { get; init; }
    public required ContactChannel PreferredChannel { get; init; }
    public IReadOnlyList<TimeSlot> PreferredSlots { get; init; } = [];
    public InquiryLanguage Language { get; init; } = InquiryLanguage.Ja;
    public required string Subject { get; init; }
    public required string Message { get; init; }
    public required DateTime PrivacyConsentAt { get; init; }
}

public sealed record TimeSlot(DateTime StartsAt, DateTime EndsAt);
