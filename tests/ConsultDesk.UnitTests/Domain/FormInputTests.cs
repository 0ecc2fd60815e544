using ConsultDesk.Domain;

namespace ConsultDesk.UnitTests.Domain;

public sealed class FormInputTests
{
    [Theory]
    [InlineData("１２０", "120")]
    [InlineData(" 1,200 ", "1200")]
    [InlineData("２，０００", "2000")]
    [InlineData("　３０　", "30")]
    [InlineData("abc", "abc")]
    [InlineData("   ", null)]
    public void Numbers_are_folded_to_half_width_without_separators(string typed, string? expected) =>
        Assert.Equal(expected, FormInput.Number(typed));

    [Theory]
    [InlineData("１２０", true, 120)]
    [InlineData("1,200", true, 1200)]
    [InlineData("abc", false, 0)]
    [InlineData("-5", false, 0)]
    [InlineData("１２０人", false, 0)]
    public void Parsing_a_number_accepts_only_whole_numbers(string typed, bool ok, int expected)
    {
        Assert.Equal(ok, FormInput.TryParseNumber(typed, out var number));
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("１００－００１４", "100-0014")]
    [InlineData("100‐0014", "100-0014")]
    [InlineData("100―0014", "100-0014")]
    [InlineData("100ー0014", "100-0014")]
    [InlineData("〒1000014", "100-0014")]
    [InlineData(" 100 0014 ", "100-0014")]
    [InlineData("12345", "12345")]
    public void Postal_codes_accept_full_width_digits_and_every_dash(string typed, string expected) =>
        Assert.Equal(expected, FormInput.PostalCode(typed));

    [Theory]
    [InlineData("１００－００１４", "1000014")]
    [InlineData("12345", null)]
    [InlineData("abcdefg", null)]
    [InlineData(null, null)]
    public void Postal_code_digits_are_seven_or_nothing(string? typed, string? expected) =>
        Assert.Equal(expected, FormInput.PostalCodeDigits(typed));

    [Theory]
    [InlineData("０３－１２３４－５６７８", "03-1234-5678")]
    [InlineData("03ー1234ー5678", "03-1234-5678")]
    [InlineData("090 1111 2222", "09011112222")]
    [InlineData("０９０‐１１１１―２２２２", "090-1111-2222")]
    public void Phones_get_half_width_digits_and_plain_hyphens(string typed, string expected) =>
        Assert.Equal(expected, FormInput.Phone(typed));

    [Theory]
    [InlineData("　株式会社ＡＢＣ　", "株式会社ABC")]
    [InlineData("ｶﾌﾞｼｷｶﾞｲｼｬ", "カブシキガイシャ")]
    [InlineData("山田　花子", "山田 花子")]
    [InlineData("①㈱髙橋", "①㈱髙橋")]
    [InlineData("  ", null)]
    public void Text_folds_only_what_cannot_change_meaning(string typed, string? expected) =>
        Assert.Equal(expected, FormInput.Text(typed));

    [Theory]
    [InlineData(" ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ ", "taro@example.jp")]
    [InlineData("taro @example.jp", "taro@example.jp")]
    public void Email_addresses_are_folded_and_lose_spaces(string typed, string expected) =>
        Assert.Equal(expected, FormInput.Email(typed));

    [Fact]
    public void Prose_keeps_its_characters_and_only_loses_surrounding_blanks() =>
        Assert.Equal("１２０名の会社です。\n①について", FormInput.Multiline("  １２０名の会社です。\r\n①について\n "));
}
