namespace ConsultDesk.Domain.Info;

/// <summary>The four kinds of portal content; each has its finder at /info/{kind slug}.</summary>
public enum InfoKind
{
    /// <summary>施策: a ministry's or agency's measure, with its landing page.</summary>
    Policy,
    /// <summary>ガイドライン・マニュアル, with its edition history.</summary>
    Guideline,
    /// <summary>取組事例 (先進的な取組事例) of a municipality, company or worker.</summary>
    CaseStudy,
    /// <summary>お知らせ.</summary>
    News,
}

/// <summary>Where an item stands. Only <see cref="Published"/> items are public; a scheduled one is published by the info job at <see cref="InfoItem.PublishAt"/>.</summary>
public enum InfoStatus
{
    Draft,
    Scheduled,
    Published,
    Unpublished,
}

/// <summary>The link checker's verdict on one link (GOV.UK's ok / caution / broken, with caution as "redirected").</summary>
public enum LinkState
{
    Unchecked,
    Ok,
    Redirected,
    Broken,
}

/// <summary>What changed an item, on its revision history.</summary>
public enum InfoRevisionAction
{
    Created,
    Edited,
    Scheduled,
    Published,
    Unpublished,
    Imported,
}

/// <summary>The portal's own code lists (wire codes with Japanese and English labels): policy categories and ministries.</summary>
public static class InfoCodes
{
    public static string KindSlug(InfoKind kind) => Wire.Name(kind);

    public static bool TryParseKind(string? slug, out InfoKind kind) => Wire.TryParse(slug, out kind);

    public static CodeEntry KindName(InfoKind kind) => kind switch
    {
        InfoKind.Policy => new("policy", "施策", "Policies"),
        InfoKind.Guideline => new("guideline", "ガイドライン・マニュアル", "Guidelines and manuals"),
        InfoKind.CaseStudy => new("case-study", "取組事例", "Case studies"),
        _ => new("news", "お知らせ", "News"),
    };

    /// <summary>施策の分類 (the categories of the programme's 施策一覧).</summary>
    public static readonly IReadOnlyList<CodeEntry> PolicyCategories =
    [
        new("telework-adoption", "テレワーク導入支援", "Adopting telework"),
        new("satellite-office", "サテライトオフィス等の整備", "Satellite offices"),
        new("relocation", "移住・二地域居住", "Relocation and two-region living"),
        new("workation", "ワーケーション・関係人口", "Workations and related population"),
        new("human-resources", "人材・雇用", "People and employment"),
        new("security", "セキュリティ・ICT", "Security and ICT"),
        new("seminar", "セミナー・イベント・相談窓口", "Seminars, events and help desks"),
        new("other", "その他", "Other"),
    ];

    /// <summary>府省庁 (ministries and agencies that publish measures).</summary>
    public static readonly IReadOnlyList<CodeEntry> Ministries =
    [
        new("cabinet-secretariat", "内閣官房", "Cabinet Secretariat"),
        new("cabinet-office", "内閣府", "Cabinet Office"),
        new("digital-agency", "デジタル庁", "Digital Agency"),
        new("mic", "総務省", "Ministry of Internal Affairs and Communications"),
        new("mext", "文部科学省", "Ministry of Education, Culture, Sports, Science and Technology"),
        new("mhlw", "厚生労働省", "Ministry of Health, Labour and Welfare"),
        new("maff", "農林水産省", "Ministry of Agriculture, Forestry and Fisheries"),
        new("meti", "経済産業省", "Ministry of Economy, Trade and Industry"),
        new("mlit", "国土交通省", "Ministry of Land, Infrastructure, Transport and Tourism"),
        new("env", "環境省", "Ministry of the Environment"),
        new("other", "その他", "Other"),
    ];

    /// <summary>The prefecture scope value of a measure that applies everywhere (全国).</summary>
    public const string National = "national";

    public static bool IsCategory(string? code) => PolicyCategories.Any(c => c.Code == code);
    public static bool IsMinistry(string? code) => Ministries.Any(c => c.Code == code);

    public static string Label(IReadOnlyList<CodeEntry> list, string code, bool english) =>
        list.FirstOrDefault(c => c.Code == code) is { } entry ? (english ? entry.En : entry.Ja) : code;
}
