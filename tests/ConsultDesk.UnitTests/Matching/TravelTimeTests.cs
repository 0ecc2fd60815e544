using ConsultDesk.Domain.Matching;

namespace ConsultDesk.UnitTests.Matching;

public sealed class TravelTimeTests
{
    [Theory]
    [InlineData(250, "4時間10分", "4 h 10 min")]
    [InlineData(45, "45分", "45 min")]
    [InlineData(120, "2時間", "2 h")]
    [InlineData(61, "1時間1分", "1 h 1 min")]
    [InlineData(0, "0分", "0 min")]
    public void Travel_time_reads_as_hours_and_minutes(int minutes, string japanese, string english)
    {
        Assert.Equal(japanese, TravelTime.Format(minutes, english: false));
        Assert.Equal(english, TravelTime.Format(minutes, english: true));
    }
}
