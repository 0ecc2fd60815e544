namespace ConsultDesk.Domain.Matching;

/// <summary>What a company case looks for in a regional base; the consultant keeps it current, intake prefills it.</summary>
public sealed class CompanyNeeds
{
    private CompanyNeeds() { }

    public Guid CaseId { get; private set; }
    public List<string> PreferredPrefectureCodes { get; private set; } = [];
    /// <summary>Region names as in <see cref="Prefecture.Region"/>.</summary>
    public List<string> PreferredRegions { get; private set; } = [];
    public int? SeatsNeeded { get; private set; }
    public int? BudgetPerSeatYen { get; private set; }
    public int? RequiredBandwidthMbps { get; private set; }
    /// <summary>日本標準産業分類 division letter.</summary>
    public string? Industry { get; private set; }
    public CompanySize? CompanySize { get; private set; }
    /// <summary>When the company wants to start, as written (e.g. 2027年4月).</summary>
    public string? Timing { get; private set; }
    /// <summary>Criteria that matter most (region, capacity, cost, incentives, industry, access); scored double.</summary>
    public List<string> Priorities { get; private set; } = [];
    public string? Notes { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public static CompanyNeeds For(Guid caseId, DateTime nowUtc) => new() { CaseId = caseId, UpdatedAt = nowUtc };

    public void Update(IEnumerable<string> prefectureCodes, IEnumerable<string> regions, int? seatsNeeded, int? budgetPerSeatYen,
        int? requiredBandwidthMbps, string? industry, CompanySize? companySize, string? timing, IEnumerable<string> priorities, string? notes, DateTime nowUtc)
    {
        PreferredPrefectureCodes = [.. prefectureCodes.Distinct(StringComparer.Ordinal)];
        PreferredRegions = [.. regions.Distinct(StringComparer.Ordinal)];
        SeatsNeeded = seatsNeeded;
        BudgetPerSeatYen = budgetPerSeatYen;
        RequiredBandwidthMbps = requiredBandwidthMbps;
        Industry = industry;
        CompanySize = companySize;
        Timing = timing;
        Priorities = [.. priorities.Distinct(StringComparer.Ordinal)];
        Notes = notes;
        UpdatedAt = nowUtc;
    }

    public static CompanySize SizeOf(int employees) => employees < 50 ? Matching.CompanySize.Small : employees < 300 ? Matching.CompanySize.Medium : Matching.CompanySize.Large;
}
