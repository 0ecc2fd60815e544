using ConsultDesk.Domain.Calendar;

namespace ConsultDesk.UnitTests.Domain;

public sealed class JapaneseEraTests
{
    [Theory]
    [InlineData(2019, 4, 30, "平成31年4月30日")]
    [InlineData(2019, 5, 1, "令和元年5月1日")]
    [InlineData(2019, 12, 31, "令和元年12月31日")]
    [InlineData(2020, 1, 1, "令和2年1月1日")]
    [InlineData(2026, 12, 4, "令和8年12月4日")]
    [InlineData(1989, 1, 7, "昭和64年1月7日")]
    [InlineData(1989, 1, 8, "平成元年1月8日")]
    public void Dates_are_written_in_the_era_of_their_day(int year, int month, int day, string expected) =>
        Assert.Equal(expected, JapaneseEra.Format(new DateOnly(year, month, day)));

    [Fact]
    public void The_western_form_has_no_leading_zeros() =>
        Assert.Equal("2026年2月4日", JapaneseEra.FormatWestern(new DateOnly(2026, 2, 4)));

    [Fact]
    public void Dates_before_showa_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseEra.Format(new DateOnly(1926, 12, 24)));
}
