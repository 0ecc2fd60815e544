using ConsultDesk.Domain.Award;

namespace ConsultDesk.UnitTests.Award;

public sealed class AwardRankingTests
{
    private static readonly Guid Impact = Guid.NewGuid(), Spread = Guid.NewGuid();
    private static readonly Guid JudgeA = Guid.NewGuid(), JudgeB = Guid.NewGuid(), JudgeC = Guid.NewGuid();

    // Weights 3 and 1: a judge's total is (3 × impact + 1 × spread) / 4.
    private static readonly (Guid, decimal)[] Criteria = [(Impact, 3m), (Spread, 1m)];

    private static IEnumerable<JudgeScore> Scores(Guid entry, Guid judge, int impact, int spread) =>
        [new(entry, judge, Impact, impact), new(entry, judge, Spread, spread)];

    [Fact]
    public void The_mean_of_weighted_totals_ranks_entries_by_hand_computed_numbers()
    {
        var x = Guid.NewGuid();
        var y = Guid.NewGuid();
        // x: A (3×5+1)/4 = 4.0, B (3×3+5)/4 = 3.5, C (3×4+4)/4 = 4.0 → mean 11.5/3 = 3.833…
        // y: A (3×4+4)/4 = 4.0, B (3×4+2)/4 = 3.5, C (3×5+5)/4 = 5.0 → mean 12.5/3 = 4.166…
        var scores = Scores(x, JudgeA, 5, 1).Concat(Scores(x, JudgeB, 3, 5)).Concat(Scores(x, JudgeC, 4, 4))
            .Concat(Scores(y, JudgeA, 4, 4)).Concat(Scores(y, JudgeB, 4, 2)).Concat(Scores(y, JudgeC, 5, 5));

        var ranking = AwardRanking.Rank([x, y], Criteria, scores, ScoreAggregation.Mean);

        Assert.Equal([y, x], ranking.Select(r => r.EntryId));
        Assert.Equal(4.167m, ranking[0].Total);
        Assert.Equal(3.833m, ranking[1].Total);
        Assert.Equal([1, 2], ranking.Select(r => r.Rank!.Value));
        Assert.All(ranking, r => Assert.Equal(3, r.JudgeCount));
    }

    [Fact]
    public void The_median_of_weighted_totals_differs_from_the_mean_as_computed_by_hand()
    {
        var x = Guid.NewGuid();
        var y = Guid.NewGuid();
        // x: 4.0, 3.5, 4.0 → median 4.0; y: 4.0, 3.5, 5.0 → median 4.0: a tie at rank 1 (the means differ).
        var scores = Scores(x, JudgeA, 5, 1).Concat(Scores(x, JudgeB, 3, 5)).Concat(Scores(x, JudgeC, 4, 4))
            .Concat(Scores(y, JudgeA, 4, 4)).Concat(Scores(y, JudgeB, 4, 2)).Concat(Scores(y, JudgeC, 5, 5));

        var ranking = AwardRanking.Rank([x, y], Criteria, scores, ScoreAggregation.Median);

        Assert.All(ranking, r => Assert.Equal(4.0m, r.Total));
        Assert.All(ranking, r => Assert.Equal(1, r.Rank));
        Assert.All(ranking, r => Assert.True(r.Tied));
    }

    [Fact]
    public void An_even_number_of_judges_takes_the_middle_two_and_ties_share_a_rank_before_a_gap()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var c = Guid.NewGuid();
        var d = Guid.NewGuid();
        // a: A 4.0, B 2.0 → median 3.0; b: A 3.0, B 3.0 → 3.0; c: 5.0 alone → 5.0; d: unscored.
        var scores = Scores(a, JudgeA, 4, 4).Concat(Scores(a, JudgeB, 2, 2))
            .Concat(Scores(b, JudgeA, 3, 3)).Concat(Scores(b, JudgeB, 3, 3))
            .Concat(Scores(c, JudgeA, 5, 5));

        var ranking = AwardRanking.Rank([a, b, c, d], Criteria, scores, ScoreAggregation.Median);

        Assert.Equal(c, ranking[0].EntryId);
        Assert.Equal(1, ranking[0].Rank);
        Assert.Equal([2, 2], ranking.Skip(1).Take(2).Select(r => r.Rank!.Value));
        Assert.Equal(3.0m, ranking[1].Total);
        Assert.Equal(d, ranking[3].EntryId);
        Assert.Null(ranking[3].Rank);
        Assert.Null(ranking[3].Total);
        Assert.False(ranking[0].Tied);
    }

    [Fact]
    public void A_judge_who_left_a_criterion_unscored_is_not_counted()
    {
        var x = Guid.NewGuid();
        JudgeScore[] scores = [.. Scores(x, JudgeA, 5, 5), new(x, JudgeB, Impact, 1)];

        var ranking = AwardRanking.Rank([x], Criteria, scores, ScoreAggregation.Mean);

        Assert.Equal(5.0m, ranking[0].Total);
        Assert.Equal(1, ranking[0].JudgeCount);
    }
}

public sealed class AwardRoundTests
{
    private static readonly DateTime Now = new(2027, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    private static AwardWindows Windows(DateTime opens) =>
        new(opens, opens.AddDays(30), opens.AddDays(31), opens.AddDays(60), opens.AddDays(90));

    [Fact]
    public void A_new_round_has_the_real_awards_categories_and_four_equal_criteria()
    {
        var round = AwardRound.Create(2027, "第5回", Windows(Now.AddDays(10)), JudgingMode.Blind, ScoreAggregation.Mean, Now);

        Assert.Equal(4, round.Categories.Count);
        Assert.Single(round.Categories, c => c.ForPartnerMunicipality && c.NameJa == "連携パートナー賞");
        Assert.Equal(["地域と自社への効果", "波及性", "官民連携", "発展性"], round.Criteria.Select(c => c.NameJa));
        Assert.All(round.Criteria, c => Assert.Equal(1m, c.Weight));
    }

    [Fact]
    public void Settings_change_until_the_entry_window_opens_and_are_locked_from_that_moment()
    {
        var opens = Now.AddDays(1);
        var round = AwardRound.Create(2027, "第5回", Windows(opens), JudgingMode.Blind, ScoreAggregation.Mean, Now);

        round.Update("第5回（改）", Windows(opens), JudgingMode.Open, ScoreAggregation.Median, 1, 5, opens.AddTicks(-1));
        var refused = Assert.Throws<AwardRuleException>(() => round.Update("x", Windows(opens), JudgingMode.Open, ScoreAggregation.Mean, 1, 5, opens));

        Assert.Equal(AwardRule.RoundLocked, refused.Rule);
        Assert.Equal(ScoreAggregation.Median, round.Aggregation);
    }

    [Fact]
    public void Windows_out_of_order_are_refused()
    {
        var bad = new AwardWindows(Now, Now.AddDays(30), Now.AddDays(29), Now.AddDays(60), Now.AddDays(90));

        Assert.Equal(AwardRule.WindowsOutOfOrder,
            Assert.Throws<AwardRuleException>(() => AwardRound.Create(2027, "x", bad, JudgingMode.Blind, ScoreAggregation.Mean, Now)).Rule);
    }

    [Fact]
    public void The_phase_follows_the_windows_to_the_tick()
    {
        var opens = Now.AddDays(1);
        var round = AwardRound.Create(2027, "x", Windows(opens), JudgingMode.Blind, ScoreAggregation.Mean, Now);

        Assert.Equal(AwardPhase.Setup, round.PhaseAt(opens.AddTicks(-1)));
        Assert.Equal(AwardPhase.EntryOpen, round.PhaseAt(opens));
        Assert.Equal(AwardPhase.EntryOpen, round.PhaseAt(round.EntryClosesAt.AddTicks(-1)));
        Assert.Equal(AwardPhase.EntryClosed, round.PhaseAt(round.EntryClosesAt));
        Assert.Equal(AwardPhase.Judging, round.PhaseAt(round.JudgingOpensAt));
        Assert.Equal(AwardPhase.Deciding, round.PhaseAt(round.JudgingClosesAt));
        Assert.Equal(AwardPhase.Published, round.PhaseAt(round.PublishAt));
    }

    [Fact]
    public void An_organisations_entry_and_its_partner_municipalitys_entry_share_one_initiative_key()
    {
        var declaration = Guid.NewGuid();

        var byOrganisation = AwardInitiative.ForOrganization(declaration, "012025");
        var byMunicipality = AwardInitiative.ForMunicipality("012025", declaration, 123);

        Assert.Equal(byOrganisation.Key, byMunicipality.Key);
        Assert.NotEqual(byOrganisation.Key, AwardInitiative.ForOrganization(declaration, "131016").Key);
        Assert.NotEqual(byOrganisation.Key, AwardInitiative.ForPartnerAward("012025").Key);
    }
}
