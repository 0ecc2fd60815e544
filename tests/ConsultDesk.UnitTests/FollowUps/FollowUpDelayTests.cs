using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.FollowUps;

namespace ConsultDesk.UnitTests.FollowUps;

public sealed class FollowUpDelayTests
{
    [Theory]
    [InlineData("3bd", 3, "00:00:00")]
    [InlineData("14BD", 14, "00:00:00")]
    [InlineData("00:00:05", 0, "00:00:05")]
    [InlineData("1.02:00:00", 0, "1.02:00:00")]
    public void Parses_business_days_and_time_spans(string text, int businessDays, string time)
    {
        var delay = FollowUpDelay.Parse(text);
        Assert.Equal(businessDays, delay.BusinessDays);
        Assert.Equal(TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture), delay.Time);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bd")]
    [InlineData("-1bd")]
    [InlineData("3 days")]
    [InlineData("-00:00:05")]
    public void Refuses_what_is_not_a_delay(string text) => Assert.Throws<FormatException>(() => FollowUpDelay.Parse(text));

    [Fact]
    public void Business_days_skip_the_weekend_and_keep_the_time_of_day()
    {
        var calendar = new BusinessCalendar([]);
        // Friday 2026-11-27 15:00 JST + 1bd = Monday 2026-11-30 15:00 JST.
        var friday = new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.FromHours(9)).UtcDateTime;
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.FromHours(9)).UtcDateTime, FollowUpDelay.Parse("1bd").After(friday, calendar));
        Assert.Equal(friday.AddSeconds(5), FollowUpDelay.Parse("00:00:05").After(friday, calendar));
    }
}
