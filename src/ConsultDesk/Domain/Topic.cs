namespace ConsultDesk.Domain;

/// <summary>The fixed list of consultation topics an inquiry can be about (wire slugs).</summary>
public static class Topic
{
    public const string SatelliteOffice = "satellite-office";
    public const string Subsidies = "subsidies";
    public const string Matching = "matching";
    public const string Relocation = "relocation";
    public const string Workation = "workation";
    public const string TeleworkRules = "telework-rules";
    public const string LabourManagement = "labour-management";
    public const string IctSecurity = "ict-security";
    public const string OfficeSearch = "office-search";
    public const string ActionDeclaration = "action-declaration";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All =
    [
        SatelliteOffice, Subsidies, Matching, Relocation, Workation, TeleworkRules,
        LabourManagement, IctSecurity, OfficeSearch, ActionDeclaration, Other,
    ];

    /// <summary>Topics the web form offers each party first; any topic stays valid for any party.</summary>
    public static IReadOnlyList<string> SuggestedFor(InquirerType type) => type switch
    {
        InquirerType.Municipality => [SatelliteOffice, Subsidies, Matching, Relocation, Workation, ActionDeclaration, Other],
        InquirerType.Company => [TeleworkRules, LabourManagement, IctSecurity, OfficeSearch, SatelliteOffice, Subsidies, Matching, Workation, ActionDeclaration, Other],
        InquirerType.Worker => [Relocation, Workation, TeleworkRules, LabourManagement, OfficeSearch, Other],
        _ => All,
    };

    public static bool IsKnown(string? slug) => slug is not null && All.Contains(slug, StringComparer.Ordinal);

    /// <summary>
    /// Topics as one integer, bit i for <see cref="All"/>[i]: stored with each case and report row so a topic filter is a
    /// bit test on the row, not a join. The order of <see cref="All"/> is therefore part of the stored data: append only.
    /// </summary>
    public static int MaskOf(IEnumerable<string> topics) =>
        topics.Aggregate(0, (mask, topic) => IndexOf(topic) is var i and >= 0 ? mask | (1 << i) : mask);

    public static int Bit(string topic) => IndexOf(topic) is var i and >= 0 ? 1 << i : 0;

    private static int IndexOf(string topic)
    {
        for (var i = 0; i < All.Count; i++)
            if (string.Equals(All[i], topic, StringComparison.Ordinal)) return i;
        return -1;
    }
}
