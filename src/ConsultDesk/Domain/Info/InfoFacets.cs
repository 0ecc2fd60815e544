namespace ConsultDesk.Domain.Info;

/// <summary>One value a facet can take, with its labels.</summary>
public sealed record InfoFacetOption(string Value, string Ja, string En);

/// <summary>
/// A finder facet, defined as data (as GOV.UK's finders do): its key (the query parameter), labels, the kinds whose
/// finder shows it, how an item's values are read, and the fixed options when the facet has a code list (a facet
/// without one, such as the publisher, offers the values that occur).
/// </summary>
public sealed record InfoFacet(string Key, string Ja, string En, IReadOnlyList<InfoKind> Kinds,
    Func<InfoContent, IEnumerable<string>> Values, IReadOnlyList<InfoFacetOption>? Options)
{
    public string Label(bool english) => english ? En : Ja;

    public string OptionLabel(string value, bool english) =>
        Options?.FirstOrDefault(o => o.Value == value) is { } option ? (english ? option.En : option.Ja) : value;
}

public static class InfoFacets
{
    public const string Category = "category";
    public const string Ministry = "ministry";
    public const string Party = "party";
    public const string Topic = "topic";
    public const string Prefecture = "prefecture";
    public const string Publisher = "publisher";

    /// <summary>The parties a measure is for or a case study is about (the inquiry form's three, wire names).</summary>
    public static readonly IReadOnlyList<InquirerType> PartyTypes = [InquirerType.Municipality, InquirerType.Company, InquirerType.Worker];

    public static readonly IReadOnlyList<InfoFacet> All =
    [
        new(Category, "分類", "Category", [InfoKind.Policy], c => Single(c.Category),
            [.. InfoCodes.PolicyCategories.Select(e => new InfoFacetOption(e.Code, e.Ja, e.En))]),
        new(Ministry, "府省庁", "Ministry or agency", [InfoKind.Policy], c => Single(c.Ministry),
            [.. InfoCodes.Ministries.Select(e => new InfoFacetOption(e.Code, e.Ja, e.En))]),
        new(Party, "対象", "For", [InfoKind.Policy, InfoKind.Guideline, InfoKind.CaseStudy], c => c.Parties,
            [.. PartyTypes.Select(t => new InfoFacetOption(Wire.Name(t), InquirerTypeNames.Name(t, false), InquirerTypeNames.Name(t, true)))]),
        new(Topic, "テーマ", "Topic", [InfoKind.Policy, InfoKind.Guideline, InfoKind.CaseStudy], c => c.Topics,
            [.. Domain.Topic.All.Select(t => new InfoFacetOption(t, TopicNames.Name(t, false), TopicNames.Name(t, true)))]),
        new(Prefecture, "地域", "Region", [InfoKind.Policy, InfoKind.CaseStudy], c => c.Prefectures,
            [new InfoFacetOption(InfoCodes.National, "全国", "Nationwide"), .. Domain.Prefecture.All.Select(p => new InfoFacetOption(p.Code, p.Name, p.NameEn))]),
        new(Publisher, "発行元", "Publisher", [InfoKind.Guideline], c => Single(c.Publisher), null),
    ];

    public static IReadOnlyList<InfoFacet> For(InfoKind kind) => [.. All.Where(f => f.Kinds.Contains(kind))];

    public static InfoFacet? Find(string key) => All.FirstOrDefault(f => f.Key == key);

    /// <summary>The facet rows an item has (distinct, trimmed to the column's length).</summary>
    public static IEnumerable<(string Facet, string Value)> ValuesOf(InfoKind kind, InfoContent content) =>
        For(kind).SelectMany(f => f.Values(content)
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => v.Length > InfoFacetValue.MaxValueLength ? v[..InfoFacetValue.MaxValueLength] : v)
            .Distinct(StringComparer.Ordinal)
            .Select(v => (f.Key, v)));

    private static IEnumerable<string> Single(string? value) => value is null ? [] : [value];
}
