using System.Globalization;

namespace ConsultDesk.Domain.Matching;

/// <summary>The columns of a published profile that scoring reads (the derived ones; offices are never loaded).</summary>
public sealed record MatchCandidate(
    string Code, string Name, string PrefectureCode, string Region, int AvailableSeats, int? LowestMonthlyFeePerSeat,
    int? ShortestTravelMinutesFromTokyo, int IncentiveKinds, IReadOnlyList<string> WelcomedIndustries, bool IsSample = false);

/// <summary>What scoring reads from a company's needs (from its needs row, or derived from the case when it has none).</summary>
public sealed record MatchNeeds(
    IReadOnlyList<string> PreferredPrefectureCodes, IReadOnlyList<string> PreferredRegions, int? SeatsNeeded, int? BudgetPerSeatYen,
    string? Industry, IReadOnlyList<string> Priorities);

public enum MatchCriterion
{
    Region,
    Capacity,
    Cost,
    Incentives,
    Industry,
    Access,
}

/// <summary>One criterion's result: points out of max, and the line a consultant can read out in either language.</summary>
public sealed record CriterionScore(string Name, double Points, double Max, string ExplanationJa, string ExplanationEn);

/// <summary>
/// Scores a municipality for a company as the sum of six named criteria. Each criterion earns a share
/// <c>s ∈ [0, 1]</c> of its weight <c>W</c> (from <c>ConsultDesk:Matching:Weights</c>); a criterion listed in the
/// company's priorities has its maximum multiplied by <c>PriorityMultiplier</c>. Points = <c>s × max</c>, rounded to
/// one decimal; the total is the sum of the rounded points. Shares:
/// <list type="bullet">
/// <item><b>region</b>: in a preferred prefecture 1; else in a preferred region, or in the region of a preferred
/// prefecture ½; nothing preferred ½; otherwise 0.</item>
/// <item><b>capacity</b>: seats needed unknown ½; free seats ≥ needed 1; otherwise free ÷ needed.</item>
/// <item><b>cost</b>: budget unknown ½; no office (no fee) 0; lowest monthly fee per seat ≤ budget 1; otherwise
/// (2 × budget − fee) ÷ budget, i.e. falling linearly to 0 at twice the budget.</item>
/// <item><b>incentives</b>: the sum over the kinds offered of subsidy 0.6, tax 0.2, housing 0.1, other 0.1 (a
/// subsidy counts most; all four = 1).</item>
/// <item><b>industry</b>: the company's industry unknown ½; the profile welcomes any industry (empty list) or lists
/// the company's 1; otherwise 0.</item>
/// <item><b>access</b>: shortest travel from Tokyo unknown 0; ≤ 60 min 1; ≥ 300 min 0; between, (300 − t) ÷ 240.</item>
/// </list>
/// Ranking: total descending, then code ascending.
/// </summary>
public sealed class MatchScoring
{
    public const int CriterionCount = 6;
    private const double SubsidyShare = 0.6, TaxShare = 0.2, HousingShare = 0.1, OtherShare = 0.1;
    private const int FullAccessMinutes = 60, NoAccessMinutes = 300;

    private readonly MatchNeeds needs;
    private readonly double[] max = new double[CriterionCount];
    private readonly HashSet<string> preferredPrefectures;
    private readonly HashSet<string> preferredRegions;
    private readonly HashSet<string> regionsOfPreferredPrefectures;

    public MatchScoring(MatchNeeds needs, int region, int capacity, int cost, int incentives, int industry, int access, int priorityMultiplier)
    {
        this.needs = needs;
        int[] weights = [region, capacity, cost, incentives, industry, access];
        for (var i = 0; i < CriterionCount; i++)
            max[i] = weights[i] * (needs.Priorities.Contains(NameOf((MatchCriterion)i)) ? priorityMultiplier : 1);
        preferredPrefectures = new HashSet<string>(needs.PreferredPrefectureCodes, StringComparer.Ordinal);
        preferredRegions = new HashSet<string>(needs.PreferredRegions, StringComparer.Ordinal);
        regionsOfPreferredPrefectures = new HashSet<string>(
            needs.PreferredPrefectureCodes.Select(Prefecture.Find).OfType<Prefecture>().Select(p => p.Region), StringComparer.Ordinal);
    }

    public static string NameOf(MatchCriterion criterion) => criterion switch
    {
        MatchCriterion.Region => "region",
        MatchCriterion.Capacity => "capacity",
        MatchCriterion.Cost => "cost",
        MatchCriterion.Incentives => "incentives",
        MatchCriterion.Industry => "industry",
        _ => "access",
    };

    public static IReadOnlyList<string> CriterionNames { get; } = [.. Enum.GetValues<MatchCriterion>().Select(NameOf)];

    public double MaxOf(MatchCriterion criterion) => max[(int)criterion];

    /// <summary>The total alone, without allocating; used to rank every candidate before explaining the top few.</summary>
    public double Total(MatchCandidate candidate)
    {
        var total = 0.0;
        for (var i = 0; i < CriterionCount; i++) total += Points((MatchCriterion)i, candidate);
        return total;
    }

    public double Points(MatchCriterion criterion, MatchCandidate candidate) =>
        Math.Round(Share(criterion, candidate) * max[(int)criterion], 1, MidpointRounding.AwayFromZero);

    public double Share(MatchCriterion criterion, MatchCandidate c) => criterion switch
    {
        MatchCriterion.Region => preferredPrefectures.Contains(c.PrefectureCode) ? 1
            : preferredRegions.Contains(c.Region) || regionsOfPreferredPrefectures.Contains(c.Region) ? 0.5
            : preferredPrefectures.Count == 0 && preferredRegions.Count == 0 ? 0.5 : 0,
        MatchCriterion.Capacity => needs.SeatsNeeded is not > 0 ? 0.5
            : c.AvailableSeats >= needs.SeatsNeeded ? 1 : (double)Math.Max(c.AvailableSeats, 0) / needs.SeatsNeeded.Value,
        MatchCriterion.Cost => needs.BudgetPerSeatYen is not > 0 ? 0.5
            : c.LowestMonthlyFeePerSeat is not { } fee ? 0
            : fee <= needs.BudgetPerSeatYen ? 1
            : Math.Max(0, (2.0 * needs.BudgetPerSeatYen.Value - fee) / needs.BudgetPerSeatYen.Value),
        MatchCriterion.Incentives => Math.Min(1,
            (Has(c, IncentiveKind.Subsidy) ? SubsidyShare : 0) + (Has(c, IncentiveKind.Tax) ? TaxShare : 0)
            + (Has(c, IncentiveKind.Housing) ? HousingShare : 0) + (Has(c, IncentiveKind.Other) ? OtherShare : 0)),
        MatchCriterion.Industry => string.IsNullOrEmpty(needs.Industry) ? 0.5
            : c.WelcomedIndustries.Count == 0 || c.WelcomedIndustries.Contains(needs.Industry) ? 1 : 0,
        _ => c.ShortestTravelMinutesFromTokyo is not { } minutes ? 0
            : minutes <= FullAccessMinutes ? 1
            : minutes >= NoAccessMinutes ? 0
            : (NoAccessMinutes - minutes) / (double)(NoAccessMinutes - FullAccessMinutes),
    };

    private static bool Has(MatchCandidate c, IncentiveKind kind) => (c.IncentiveKinds & MunicipalityProfile.KindBit(kind)) != 0;

    /// <summary>Every criterion with its points and explanation (allocates; call it for the few candidates shown).</summary>
    public IReadOnlyList<CriterionScore> Explain(MatchCandidate candidate)
    {
        var scores = new CriterionScore[CriterionCount];
        for (var i = 0; i < CriterionCount; i++)
        {
            var criterion = (MatchCriterion)i;
            var (ja, en) = Explanation(criterion, candidate);
            scores[i] = new CriterionScore(NameOf(criterion), Points(criterion, candidate), max[i], ja, en);
        }
        return scores;
    }

    private (string Ja, string En) Explanation(MatchCriterion criterion, MatchCandidate c)
    {
        var inv = CultureInfo.InvariantCulture;
        var prefecture = Prefecture.Find(c.PrefectureCode);
        var (prefJa, prefEn) = (prefecture?.Name ?? c.PrefectureCode, prefecture?.NameEn ?? c.PrefectureCode);
        var (regionJa, regionEn) = RegionName(c.Region);
        switch (criterion)
        {
            case MatchCriterion.Region:
                if (preferredPrefectures.Contains(c.PrefectureCode))
                    return ($"希望の都道府県（{prefJa}）にあります", $"In a preferred prefecture ({prefEn})");
                if (preferredRegions.Contains(c.Region) || regionsOfPreferredPrefectures.Contains(c.Region))
                    return ($"希望の地域（{regionJa}）にあります（{prefJa}）", $"In a preferred region ({regionEn}; {prefEn})");
                if (preferredPrefectures.Count == 0 && preferredRegions.Count == 0)
                    return ($"地域の希望がありません（{prefJa}）", $"No preferred location ({prefEn})");
                return ($"希望の地域外です（{prefJa}・{regionJa}）", $"Outside the preferred locations ({prefEn}, {regionEn})");
            case MatchCriterion.Capacity:
                if (needs.SeatsNeeded is not > 0)
                    return (string.Create(inv, $"空席 {c.AvailableSeats} 席：必要な席数が未設定です"), string.Create(inv, $"{c.AvailableSeats} free seats; seats needed not set"));
                return c.AvailableSeats >= needs.SeatsNeeded
                    ? (string.Create(inv, $"空席 {c.AvailableSeats} 席：必要な {needs.SeatsNeeded} 席を満たします"), string.Create(inv, $"{c.AvailableSeats} free seats cover the {needs.SeatsNeeded} needed"))
                    : (string.Create(inv, $"空席 {c.AvailableSeats} 席：必要な {needs.SeatsNeeded} 席に足りません"), string.Create(inv, $"{c.AvailableSeats} free seats, short of the {needs.SeatsNeeded} needed"));
            case MatchCriterion.Cost:
                if (c.LowestMonthlyFeePerSeat is not { } fee)
                    return ("オフィスの料金情報がありません", "No office fee listed");
                if (needs.BudgetPerSeatYen is not > 0)
                    return (string.Create(inv, $"最安 月額 {fee:N0} 円/席：予算が未設定です"), string.Create(inv, $"From ¥{fee:N0} per seat a month; budget not set"));
                return fee <= needs.BudgetPerSeatYen
                    ? (string.Create(inv, $"最安 月額 {fee:N0} 円/席：予算 {needs.BudgetPerSeatYen:N0} 円以内です"), string.Create(inv, $"From ¥{fee:N0} per seat a month, within the ¥{needs.BudgetPerSeatYen:N0} budget"))
                    : (string.Create(inv, $"最安 月額 {fee:N0} 円/席：予算 {needs.BudgetPerSeatYen:N0} 円を超えます"), string.Create(inv, $"From ¥{fee:N0} per seat a month, over the ¥{needs.BudgetPerSeatYen:N0} budget"));
            case MatchCriterion.Incentives:
                var kinds = Enum.GetValues<IncentiveKind>().Where(k => Has(c, k)).ToList();
                return kinds.Count == 0
                    ? ("支援制度の登録がありません", "No incentives listed")
                    : ($"支援制度：{string.Join("・", kinds.Select(k => KindName(k).Ja))}", $"Incentives: {string.Join(", ", kinds.Select(k => KindName(k).En))}");
            case MatchCriterion.Industry:
                if (string.IsNullOrEmpty(needs.Industry))
                    return ("業種が未設定です", "Industry not set");
                var (industryJa, industryEn) = (Domain.Industry.Name(needs.Industry, false), Domain.Industry.Name(needs.Industry, true));
                if (c.WelcomedIndustries.Count == 0) return ($"業種を問わず歓迎しています（{industryJa}）", $"Welcomes any industry ({industryEn})");
                return c.WelcomedIndustries.Contains(needs.Industry)
                    ? ($"{industryJa}を歓迎しています", $"Welcomes {industryEn}")
                    : ($"歓迎する業種に{industryJa}は含まれません", $"{industryEn} is not among the industries it welcomes");
            default:
                return c.ShortestTravelMinutesFromTokyo is { } minutes
                    ? ($"東京から最短 {TravelTime.Format(minutes, english: false)}", $"{TravelTime.Format(minutes, english: true)} from Tokyo at best")
                    : ("東京からの所要時間が不明です", "Travel time from Tokyo unknown");
        }
    }

    public static (string Ja, string En) RegionName(string region) => region switch
    {
        "hokkaido" => ("北海道", "Hokkaido"),
        "tohoku" => ("東北", "Tohoku"),
        "kanto" => ("関東", "Kanto"),
        "chubu" => ("中部", "Chubu"),
        "kinki" => ("近畿", "Kinki"),
        "chugoku" => ("中国", "Chugoku"),
        "shikoku" => ("四国", "Shikoku"),
        "kyushu-okinawa" => ("九州・沖縄", "Kyushu-Okinawa"),
        _ => (region, region),
    };

    public static (string Ja, string En) KindName(IncentiveKind kind) => kind switch
    {
        IncentiveKind.Subsidy => ("補助金", "subsidy"),
        IncentiveKind.Tax => ("税の優遇", "tax relief"),
        IncentiveKind.Housing => ("住宅支援", "housing"),
        _ => ("その他", "other"),
    };
}
