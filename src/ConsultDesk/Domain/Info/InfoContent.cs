namespace ConsultDesk.Domain.Info;

/// <summary>
/// Everything an editor writes about an item, for every kind (fields that do not apply to a kind stay empty). An item's
/// columns hold the current content; each revision keeps a copy of it as JSON, so the history can say what changed.
/// </summary>
public sealed record InfoContent
{
    public const int MaxTitleLength = 200;
    public const int MaxSummaryLength = 1_000;
    public const int MaxBodyLength = 50_000;
    public const int MaxUrlLength = 2_000;
    public const int MaxNameLength = 200;
    public const int MaxEditionLength = 50;

    public string Title { get; init; } = "";
    public string? TitleEn { get; init; }
    public string Summary { get; init; } = "";
    public string? SummaryEn { get; init; }
    /// <summary>Markdown; rendered and sanitised by <see cref="InfoMarkdown"/>.</summary>
    public string Body { get; init; } = "";
    public string? BodyEn { get; init; }
    /// <summary>The main link: a measure's landing page (not a PDF), a guideline's page, a case study's or news item's source.</summary>
    public string? Url { get; init; }
    /// <summary>The date the content was true on (掲載の内容は…時点).</summary>
    public DateOnly? AsOf { get; init; }

    // 施策
    /// <summary><see cref="InfoCodes.PolicyCategories"/>.</summary>
    public string? Category { get; init; }
    /// <summary><see cref="InfoCodes.Ministries"/>.</summary>
    public string? Ministry { get; init; }
    /// <summary>Target parties (policies, guidelines) or the case study's party (one): <c>municipality</c>, <c>company</c>, <c>worker</c>.</summary>
    public IReadOnlyList<string> Parties { get; init; } = [];
    /// <summary>Inquiry topic slugs (<see cref="Topic"/>) of a policy, guideline or case study: what the desk matches inquiries against.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];
    /// <summary>[<see cref="InfoCodes.National"/>] or JIS prefecture codes; a case study has one.</summary>
    public IReadOnlyList<string> Prefectures { get; init; } = [];
    public DateOnly? ApplicationOpensOn { get; init; }
    public DateOnly? ApplicationClosesOn { get; init; }

    // ガイドライン・マニュアル
    public string? Publisher { get; init; }
    public string? Edition { get; init; }
    public DateOnly? IssuedOn { get; init; }

    // 取組事例
    /// <summary>The municipality's 団体コード (6 digits with its check digit), when the case study is about or with one.</summary>
    public string? MunicipalityCode { get; init; }
    public string? OrganizationName { get; init; }
    /// <summary>The organisation's accepted Action宣言 number, when it has one.</summary>
    public int? DeclarationNumber { get; init; }

    /// <summary>Whether a measure's application period includes <paramref name="today"/> (受付中); false when it has none.</summary>
    public bool IsOpenOn(DateOnly today) =>
        (ApplicationOpensOn is not null || ApplicationClosesOn is not null)
        && (ApplicationOpensOn is null || ApplicationOpensOn <= today)
        && (ApplicationClosesOn is null || today <= ApplicationClosesOn);

    /// <summary>The names of the fields that differ from <paramref name="other"/> (the revision history's "what changed").</summary>
    public IReadOnlyList<string> ChangedFrom(InfoContent other)
    {
        var changed = new List<string>();
        void Check<T>(string name, T a, T b) { if (!EqualityComparer<T>.Default.Equals(a, b)) changed.Add(name); }
        void CheckList(string name, IReadOnlyList<string> a, IReadOnlyList<string> b) { if (!a.SequenceEqual(b, StringComparer.Ordinal)) changed.Add(name); }
        Check(nameof(Title), Title, other.Title);
        Check(nameof(TitleEn), TitleEn, other.TitleEn);
        Check(nameof(Summary), Summary, other.Summary);
        Check(nameof(SummaryEn), SummaryEn, other.SummaryEn);
        Check(nameof(Body), Body, other.Body);
        Check(nameof(BodyEn), BodyEn, other.BodyEn);
        Check(nameof(Url), Url, other.Url);
        Check(nameof(AsOf), AsOf, other.AsOf);
        Check(nameof(Category), Category, other.Category);
        Check(nameof(Ministry), Ministry, other.Ministry);
        CheckList(nameof(Parties), Parties, other.Parties);
        CheckList(nameof(Topics), Topics, other.Topics);
        CheckList(nameof(Prefectures), Prefectures, other.Prefectures);
        Check(nameof(ApplicationOpensOn), ApplicationOpensOn, other.ApplicationOpensOn);
        Check(nameof(ApplicationClosesOn), ApplicationClosesOn, other.ApplicationClosesOn);
        Check(nameof(Publisher), Publisher, other.Publisher);
        Check(nameof(Edition), Edition, other.Edition);
        Check(nameof(IssuedOn), IssuedOn, other.IssuedOn);
        Check(nameof(MunicipalityCode), MunicipalityCode, other.MunicipalityCode);
        Check(nameof(OrganizationName), OrganizationName, other.OrganizationName);
        Check(nameof(DeclarationNumber), DeclarationNumber, other.DeclarationNumber);
        return changed;
    }
}
