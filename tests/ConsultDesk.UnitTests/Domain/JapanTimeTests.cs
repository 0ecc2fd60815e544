using ConsultDesk.Domain;
using ConsultDesk.Domain.Calendar;
using Microsoft.Extensions.Time.Testing;

namespace ConsultDesk.UnitTests.Domain;

public sealed class JapanTimeTests
{
    [Fact]
    public void Utc_evening_is_the_next_morning_in_Japan_and_back()
    {
        var utc = new DateTime(2026, 3, 31, 15, 30, 0, DateTimeKind.Utc);
        var japan = JapanTime.FromUtc(utc);
        Assert.Equal(new DateTime(2026, 4, 1, 0, 30, 0), japan);
        Assert.Equal(DateTimeKind.Unspecified, japan.Kind);
        Assert.Equal(utc, JapanTime.ToUtc(japan));
        Assert.Equal(DateTimeKind.Utc, JapanTime.ToUtc(japan).Kind);
        Assert.Equal(new DateOnly(2026, 4, 1), JapanTime.DateOf(utc));
        Assert.Equal("2026-04-01 00:30", JapanTime.Format(utc));
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 15, 30, 0, TimeSpan.Zero), JapanTime.FromLocal(new DateTime(2026, 4, 1, 0, 30, 0)));
    }

    [Fact]
    public void Today_and_the_reference_year_follow_Japan_not_UTC()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 15, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2027, 1, 1), JapanTime.Today(clock));
        Assert.Equal(2027, ReferenceNumber.JapanYear(clock.GetUtcNow().UtcDateTime));
    }
}
