namespace ConsultDesk.Domain.Declarations;

/// <summary>
/// What a declarant states in one version of an Action宣言, stored as JSON on <see cref="DeclarationVersion"/>.
/// Which fields are shown publicly ([公開]) is decided once, in <see cref="DeclarationFields"/>.
/// </summary>
public sealed record DeclarationContent
{
    public string OrganizationName { get; init; } = "";
    /// <summary>Full-width katakana, without the legal form (カブシキガイシャ etc.).</summary>
    public string OrganizationNameKana { get; init; } = "";
    /// <summary>法人番号 (13 digits, check digit valid); null for a 団体 without one, which then gives <see cref="NoCorporateNumberReason"/>.</summary>
    public string? CorporateNumber { get; init; }
    public string? NoCorporateNumberReason { get; init; }
    /// <summary>Seven digits, no hyphen.</summary>
    public string PostalCode { get; init; } = "";
    public string PrefectureCode { get; init; } = "";
    /// <summary>団体コード (6 digits) of the 市区町村 of the head office, from the code master.</summary>
    public string LocalGovernmentCode { get; init; } = "";
    /// <summary>町域・番地.</summary>
    public string Street { get; init; } = "";
    /// <summary>建物名.</summary>
    public string? Building { get; init; }
    /// <summary>JSIC division slug (<see cref="Domain.Industry"/>).</summary>
    public string Industry { get; init; } = "";
    public int Employees { get; init; }
    public string? Website { get; init; }

    public string RepresentativeName { get; init; } = "";
    public string RepresentativeTitle { get; init; } = "";

    public string ContactFamilyName { get; init; } = "";
    public string ContactGivenName { get; init; } = "";
    public string ContactFamilyNameKana { get; init; } = "";
    public string ContactGivenNameKana { get; init; } = "";
    public string? ContactDepartment { get; init; }
    public string ContactEmail { get; init; } = "";
    public string ContactPhone { get; init; } = "";

    /// <summary>The commitment items chosen, each with its 取組内容, in item order.</summary>
    public IReadOnlyList<DeclarationCommitment> Commitments { get; init; } = [];
    /// <summary>The codes of the agreements ticked (every active agreement must be).</summary>
    public IReadOnlyList<string> Agreements { get; init; } = [];

    public InquiryLanguage Language { get; init; } = InquiryLanguage.Ja;

    public string ContactName => Language == InquiryLanguage.En
        ? $"{ContactGivenName} {ContactFamilyName}".Trim()
        : $"{ContactFamilyName} {ContactGivenName}".Trim();
}

/// <summary>One commitment item (<see cref="DeclarationItem.Code"/>) with what the declarant will do (取組内容, ≤ 1,000 characters).</summary>
public sealed record DeclarationCommitment(string ItemCode, string Text)
{
    public const int MaxTextLength = 1_000;
}

/// <summary>The fields shown publicly ([公開]) on /sengen and the certificate; everything else stays with the office.</summary>
public static class DeclarationFields
{
    /// <summary>Property names of <see cref="DeclarationContent"/> that are published.</summary>
    public static readonly IReadOnlySet<string> Public = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(DeclarationContent.OrganizationName),
        nameof(DeclarationContent.OrganizationNameKana),
        nameof(DeclarationContent.CorporateNumber),
        nameof(DeclarationContent.PrefectureCode),
        nameof(DeclarationContent.LocalGovernmentCode),
        nameof(DeclarationContent.Industry),
        nameof(DeclarationContent.Employees),
        nameof(DeclarationContent.Website),
        nameof(DeclarationContent.RepresentativeName),
        nameof(DeclarationContent.RepresentativeTitle),
        nameof(DeclarationContent.Commitments),
    };

    public static bool IsPublic(string field) => Public.Contains(field);
}
