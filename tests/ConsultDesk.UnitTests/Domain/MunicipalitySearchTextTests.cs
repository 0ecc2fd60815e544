using ConsultDesk.Domain;
using ConsultDesk.Features.CannedReplies;
using ConsultDesk.Features.Municipalities;

namespace ConsultDesk.UnitTests.Domain;

public sealed class MunicipalitySearchTextTests
{
    [Theory]
    [InlineData("ニセコ", "ニセコ")]
    [InlineData("にせこ", "ニセコ")]
    [InlineData("ﾆｾｺ", "ニセコ")]
    [InlineData("  ニセコ町 ", "ニセコ町")]
    public void Hiragana_and_half_width_kana_search_the_katakana_readings(string typed, string searched) =>
        Assert.Equal(searched, JapaneseText.ToFullWidthKatakana(SearchMunicipalities.Normalize(typed)));

    [Fact]
    public void A_long_search_text_is_cut_to_its_limit() =>
        Assert.Equal(SearchMunicipalities.MaxQueryLength, SearchMunicipalities.Normalize(new string('あ', 500)).Length);
}

public sealed class ExpandCannedReplyTests
{
    [Fact]
    public void Every_variable_is_filled_in_as_plain_text_and_unknown_braces_stay() =>
        Assert.Equal("髙橋 𠮷子 様（CD-2026-000001）株式会社サンプル 件名 相談員 一郎 {{その他}} {{ reference }}",
            ExpandCannedReply.Expand("{{氏名}} 様（{{受付番号}}）{{団体名}} {{件名}} {{担当者}} {{その他}} {{ reference }}",
                "髙橋 𠮷子", "株式会社サンプル", "CD-2026-000001", "件名", "相談員 一郎"));
}
