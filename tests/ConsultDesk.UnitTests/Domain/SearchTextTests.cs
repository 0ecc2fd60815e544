using ConsultDesk.Domain;

namespace ConsultDesk.UnitTests.Domain;

public sealed class SearchTextTests
{
    [Fact]
    public void Text_becomes_overlapping_bigrams_ending_with_each_runs_last_character() =>
        Assert.Equal("株式 式会 会社 社サ サン ンプ プル ル", SearchText.Tokens(["株式会社サンプル"]));

    [Fact]
    public void Width_and_case_are_folded_and_punctuation_splits_runs() =>
        Assert.Equal("サン ンプ プル ル ab b", SearchText.Tokens(["ｻﾝﾌﾟﾙ・AB"]));

    [Fact]
    public void A_supplementary_character_counts_as_one() =>
        Assert.Equal("𠮷子 子", SearchText.Tokens(["𠮷子"]));

    [Fact]
    public void A_query_becomes_runs_of_bigrams_and_single_characters_stay_single()
    {
        var runs = SearchText.QueryRuns("髙橋 サンプル 市");

        Assert.Equal(3, runs.Count);
        Assert.Equal(["髙橋"], runs[0]);
        Assert.Equal(["サン", "ンプ", "プル"], runs[1]);
        Assert.Equal(["市"], runs[2]);
    }

    [Fact]
    public void The_search_key_is_the_reference_as_a_number() =>
        Assert.Equal(2026000123L, CaseSearchDocument.KeyOf("CD-2026-000123"));
}

public sealed class CaseSearchQueryTests
{
    [Fact]
    public void The_postgres_lookup_keeps_the_three_rarest_looking_bigrams()
    {
        var chosen = ConsultDesk.Features.Cases.CaseSearchQuery.SelectiveBigrams(["テレ", "レワ", "ワー", "ーク", "ク規", "規程"]);

        Assert.Equal(["規程", "ク規", "ーク"], chosen);
    }

    [Fact]
    public void Short_queries_keep_every_bigram() =>
        Assert.Equal(["髙橋"], ConsultDesk.Features.Cases.CaseSearchQuery.SelectiveBigrams(["髙橋"]));
}
