using ConsultDesk.Domain;

namespace ConsultDesk.UnitTests.Domain;

public sealed class JapaneseTextTests
{
    [Theory]
    [InlineData("たかはし", "タカハシ")]
    [InlineData("ﾀｶﾊｼ", "タカハシ")]
    [InlineData("ｶﾞｯｺｳ", "ガッコウ")]          // half-width voiced marks fold into one character
    [InlineData("ﾊﾟｿﾅ", "パソナ")]
    [InlineData("タカハシ", "タカハシ")]
    [InlineData("やまだ　たろう", "ヤマダタロウ")] // full-width space removed
    [InlineData("ゔぁいおりん", "ヴァイオリン")]
    [InlineData("ｻﾝﾌﾟﾙ･ｺｰﾎﾟﾚｰｼｮﾝ", "サンプル・コーポレーション")]
    public void Readings_become_full_width_katakana(string input, string expected) =>
        Assert.Equal(expected, JapaneseText.ToFullWidthKatakana(input));

    [Theory]
    [InlineData("タカハシ", true)]
    [InlineData("コーポレーション・ワン", true)]
    [InlineData("高橋", false)]
    [InlineData("Takahashi", false)]
    [InlineData("たかはし", false)]
    [InlineData("", false)]
    public void Only_katakana_passes_the_reading_check(string input, bool expected) =>
        Assert.Equal(expected, JapaneseText.IsFullWidthKatakana(input));

    [Theory]
    [InlineData("03-1234-5678", "0312345678")]
    [InlineData("０３－１２３４－５６７８", "0312345678")]
    [InlineData("090‐1234‐5678", "09012345678")]
    [InlineData("090ー1234ー5678", "09012345678")]
    [InlineData("(03) 1234 5678", "0312345678")]
    [InlineData("（０３）１２３４－５６７８", "0312345678")]
    [InlineData("+81 90-1234-5678", "09012345678")]
    [InlineData("0120-123-456", "0120123456")]
    public void Phone_numbers_are_stored_as_digits(string input, string expected) =>
        Assert.Equal(expected, JapaneseText.NormalizePhone(input));

    [Theory]
    [InlineData("0312345678", true)]
    [InlineData("09012345678", true)]
    [InlineData("0120123456", true)]
    [InlineData("312345678", false)]
    [InlineData("003123456789", false)]
    [InlineData("0012345678", false)]
    [InlineData("090123456789", false)]
    public void Japanese_numbers_have_ten_or_eleven_digits_from_a_leading_zero(string digits, bool expected) =>
        Assert.Equal(expected, JapaneseText.IsJapanesePhone(digits));

    [Theory]
    [InlineData("株式会社サンプル ①②③ ㈱ 髙 𠮷", true)]
    [InlineData("a\r\nBcc: x@example.com", false)]
    [InlineData("a\nb", false)]
    [InlineData("a\tb", false)]
    [InlineData("a\u0000b", false)]
    [InlineData("a\u2028b", false)]
    [InlineData("a\u0085b", false)]
    public void Single_line_fields_refuse_every_control_character(string value, bool expected) =>
        Assert.Equal(expected, JapaneseText.IsSingleLine(value));

    [Fact]
    public void Multi_line_text_keeps_line_breaks_but_not_other_controls()
    {
        Assert.True(JapaneseText.IsCleanMultiline("一行目\r\n二行目\n\t三行目"));
        Assert.False(JapaneseText.IsCleanMultiline("ベル\u0007"));
        Assert.False(JapaneseText.IsCleanMultiline("エスケープ\u001b[31m"));
    }

    [Fact]
    public void Length_counts_what_a_person_sees() => Assert.Equal(3, JapaneseText.TextLength("𠮷野家"));
}
