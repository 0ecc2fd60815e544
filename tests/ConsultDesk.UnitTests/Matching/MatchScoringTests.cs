using ConsultDesk.Domain.Matching;
using ConsultDesk.Features.Matching;

namespace ConsultDesk.UnitTests.Matching;

/// <summary>Scores hand-computed from the default weights (region 30, capacity 20, cost 20, incentives 15, industry 10, access 5; priority ×2).</summary>
public sealed class MatchScoringTests
{
    private const int Subsidy = 1, Tax = 2, Housing = 4, Other = 8;

    // Shimane preferred, 5 seats, ¥10,000 a seat, information and communications (G); cost matters most (max 40).
    private static readonly MatchNeeds Needs = new(["32"], [], 5, 10_000, "G", ["cost"]);
    private static readonly MatchNeeds Unknown = new([], [], null, null, null, []);

    private static MatchScoring Scoring(MatchNeeds needs) => new(needs, 30, 20, 20, 15, 10, 5, 2);

    private static MatchCandidate Candidate(string code = "322016", string prefecture = "32", string region = "chugoku", int free = 12, int? fee = 8_000,
        int? travel = 90, int kinds = Subsidy | Tax, IReadOnlyList<string>? industries = null) =>
        new(code, "テスト市", prefecture, region, free, fee, travel, kinds, industries ?? []);

    [Theory]
    [InlineData("32", "chugoku", 30.0)]   // preferred prefecture: full
    [InlineData("33", "chugoku", 15.0)]   // same region as a preferred prefecture: half
    [InlineData("01", "hokkaido", 0.0)]   // elsewhere: none
    public void Region_scores_the_preferred_prefecture_full_and_its_region_half(string prefecture, string region, double expected) =>
        Assert.Equal(expected, Scoring(Needs).Points(MatchCriterion.Region, Candidate(prefecture: prefecture, region: region)));

    [Fact]
    public void Region_scores_a_preferred_region_half_and_no_preference_half()
    {
        Assert.Equal(15.0, Scoring(new MatchNeeds([], ["shikoku"], null, null, null, [])).Points(MatchCriterion.Region, Candidate(prefecture: "38", region: "shikoku")));
        Assert.Equal(15.0, Scoring(Unknown).Points(MatchCriterion.Region, Candidate()));
    }

    [Theory]
    [InlineData(12, 20.0)]   // 12 ≥ 5
    [InlineData(5, 20.0)]
    [InlineData(3, 12.0)]    // 3 / 5 × 20
    [InlineData(0, 0.0)]
    public void Capacity_is_full_when_free_seats_cover_the_need_and_proportional_below(int free, double expected) =>
        Assert.Equal(expected, Scoring(Needs).Points(MatchCriterion.Capacity, Candidate(free: free)));

    [Theory]
    [InlineData(8_000, 40.0)]    // within budget, cost is a priority: 20 × 2
    [InlineData(10_000, 40.0)]
    [InlineData(15_000, 20.0)]   // (20,000 − 15,000) / 10,000 × 40
    [InlineData(17_500, 10.0)]   // (20,000 − 17,500) / 10,000 × 40
    [InlineData(20_000, 0.0)]
    [InlineData(25_000, 0.0)]
    public void Cost_is_full_within_budget_and_falls_to_zero_at_twice_the_budget(int fee, double expected) =>
        Assert.Equal(expected, Scoring(Needs).Points(MatchCriterion.Cost, Candidate(fee: fee)));

    [Fact]
    public void Cost_without_an_office_fee_scores_nothing_and_without_a_budget_half() =>
        Assert.Equal((0.0, 10.0), (Scoring(Needs).Points(MatchCriterion.Cost, Candidate(fee: null)), Scoring(Unknown).Points(MatchCriterion.Cost, Candidate())));

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(Subsidy, 9.0)]                         // 0.6 × 15
    [InlineData(Subsidy | Tax, 12.0)]                  // 0.8 × 15
    [InlineData(Housing, 1.5)]                         // 0.1 × 15
    [InlineData(Tax | Housing | Other, 6.0)]           // 0.4 × 15
    [InlineData(Subsidy | Tax | Housing | Other, 15.0)]
    public void Incentives_count_a_subsidy_most(int kinds, double expected) =>
        Assert.Equal(expected, Scoring(Needs).Points(MatchCriterion.Incentives, Candidate(kinds: kinds)));

    [Fact]
    public void Industry_is_full_when_welcomed_or_open_to_all_none_when_not_listed_and_half_when_unknown()
    {
        Assert.Equal(10.0, Scoring(Needs).Points(MatchCriterion.Industry, Candidate(industries: [])));
        Assert.Equal(10.0, Scoring(Needs).Points(MatchCriterion.Industry, Candidate(industries: ["E", "G"])));
        Assert.Equal(0.0, Scoring(Needs).Points(MatchCriterion.Industry, Candidate(industries: ["E"])));
        Assert.Equal(5.0, Scoring(Unknown).Points(MatchCriterion.Industry, Candidate(industries: ["E"])));
    }

    [Theory]
    [InlineData(45, 5.0)]
    [InlineData(60, 5.0)]
    [InlineData(90, 4.4)]     // (300 − 90) / 240 × 5 = 4.375
    [InlineData(180, 2.5)]    // (300 − 180) / 240 × 5
    [InlineData(300, 0.0)]
    [InlineData(null, 0.0)]
    public void Access_is_full_within_an_hour_of_Tokyo_and_none_from_five_hours(int? travel, double expected) =>
        Assert.Equal(expected, Scoring(Needs).Points(MatchCriterion.Access, Candidate(travel: travel)));

    [Fact]
    public void A_priority_doubles_only_that_criterions_maximum()
    {
        var scoring = Scoring(Needs);
        Assert.Equal([30.0, 20.0, 40.0, 15.0, 10.0, 5.0], Enum.GetValues<MatchCriterion>().Select(scoring.MaxOf));
    }

    [Fact]
    public void The_total_is_the_sum_of_the_criteria_and_each_is_explained_with_its_numbers()
    {
        var scoring = Scoring(Needs);
        var shimane = Candidate();   // 30 + 20 + 40 + 12 + 10 + 4.4

        var criteria = scoring.Explain(shimane);

        Assert.Equal(116.4, scoring.Total(shimane), 6);
        Assert.Equal(["region", "capacity", "cost", "incentives", "industry", "access"], criteria.Select(c => c.Name));
        Assert.Equal([30.0, 20.0, 40.0, 12.0, 10.0, 4.4], criteria.Select(c => c.Points));
        Assert.Equal("希望の都道府県（島根県）にあります", criteria[0].ExplanationJa);
        Assert.Equal("In a preferred prefecture (Shimane)", criteria[0].ExplanationEn);
        Assert.Equal("空席 12 席：必要な 5 席を満たします", criteria[1].ExplanationJa);
        Assert.Equal("12 free seats cover the 5 needed", criteria[1].ExplanationEn);
        Assert.Equal("最安 月額 8,000 円/席：予算 10,000 円以内です", criteria[2].ExplanationJa);
        Assert.Equal("支援制度：補助金・税の優遇", criteria[3].ExplanationJa);
        Assert.Equal("Welcomes any industry (Information and communications)", criteria[4].ExplanationEn);
        Assert.Equal("東京から最短 1時間30分", criteria[5].ExplanationJa);
    }

    [Fact]
    public void Ranking_is_by_total_descending_then_code_and_keeps_only_the_limit()
    {
        var scoring = Scoring(Needs);
        MatchCandidate[] candidates =
        [
            Candidate(code: "011002", prefecture: "01", region: "hokkaido", free: 0, fee: null, travel: null, kinds: 0, industries: ["G"]), // 0+0+0+0+10+0 = 10
            Candidate(code: "332020", prefecture: "33", free: 3, fee: 15_000, travel: 180, kinds: Subsidy),                                 // 15+12+20+9+10+2.5 = 68.5
            Candidate(code: "322016"),                                                                                                      // 116.4
            Candidate(code: "322024"),                                                                                                      // 116.4, later code
        ];

        var top = SuggestMatches.Rank(scoring, candidates, 3);

        Assert.Equal(["322016", "322024", "332020"], top.Select(t => t.Candidate.Code));
        Assert.Equal([116.4, 116.4, 68.5], top.Select(t => Math.Round(t.Total, 1)));
    }
}
