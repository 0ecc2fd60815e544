using ConsultDesk.Domain;
using ConsultDesk.Domain.LocalGovernments;

namespace ConsultDesk.UnitTests.Domain;

public sealed class LocalGovernmentCodeTests
{
    // Vectors from shared/domain.md §4b (総務省's rule, checked against published codes).
    [Theory]
    [InlineData("011002")] // 札幌市
    [InlineData("012025")] // 函館市
    [InlineData("012033")] // 小樽市
    [InlineData("012041")] // 旭川市
    [InlineData("012050")] // 室蘭市
    [InlineData("012068")] // 釧路市
    [InlineData("012076")] // 帯広市
    [InlineData("012084")] // 北見市
    [InlineData("131016")] // 千代田区
    [InlineData("010006")] // 北海道
    [InlineData("130001")] // 東京都
    [InlineData("470007")] // 沖縄県
    public void Published_codes_have_valid_check_digits(string code) => Assert.True(LocalGovernmentCode.IsValid(code));

    [Theory]
    [InlineData("011003")] // wrong check digit
    [InlineData("131017")]
    [InlineData("01100")]  // five digits
    [InlineData("0110021")]
    [InlineData("01100a")]
    [InlineData("４８０００１")] // full-width digits are not a code
    [InlineData("480001")] // prefecture 48 does not exist
    [InlineData("000000")]
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_codes_are_invalid(string? code) => Assert.False(LocalGovernmentCode.IsValid(code));

    [Theory]
    [InlineData("13101", 6)]  // 千代田区: sum 1·6+3·5+1·4+0·3+1·2 = 27, 27 mod 11 = 5, 11−5 = 6
    [InlineData("01000", 6)]  // 北海道: sum 5, 11−5 = 6
    [InlineData("13000", 1)]  // 東京都: sum 21, remainder 10, 11−10 = 1
    [InlineData("09000", 0)]  // 栃木県: sum 45, remainder 1, 11−1 = 10 → 0
    [InlineData("31000", 0)]  // 鳥取県: sum 23, remainder 1 → 0
    public void The_check_digit_follows_the_ministry_rule_including_its_edge_cases(string body, int expected) =>
        Assert.Equal(expected, LocalGovernmentCode.CheckDigit(body));

    [Fact]
    public void The_shipped_master_table_has_every_prefecture_and_only_valid_codes()
    {
        var directory = LocalGovernmentDirectory.LoadEmbedded();

        Assert.True(directory.All.Count > 1900);
        Assert.All(directory.All, e => Assert.True(LocalGovernmentCode.IsValid(e.Code), e.Code));
        Assert.All(directory.All, e => Assert.Equal(e.Code[..2], e.PrefectureCode));
        Assert.Equal(47, directory.All.Count(e => e.Kind == "prefecture"));
        Assert.Equal("札幌市", directory.Find("011002")?.Name);
        Assert.Equal("千代田区", directory.Find("131016")?.Name);
        Assert.Equal(1741, directory.MunicipalitiesOn(new DateOnly(2026, 11, 26)).Count());
    }
}
