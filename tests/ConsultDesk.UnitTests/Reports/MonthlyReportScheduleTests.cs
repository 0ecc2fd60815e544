using ConsultDesk.Domain.Calendar;
using ConsultDesk.Features.Reports;
using ConsultDesk.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace ConsultDesk.UnitTests.Reports;

public sealed class MonthlyReportScheduleTests
{
    private static readonly BusinessCalendar Calendar = BusinessCalendar.LoadEmbedded();

    /// <summary>08:00 Japan time on the given day, as the daily job sees it.</summary>
    private static FakeTimeProvider At8Jst(string day) =>
        new(new DateTimeOffset(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(9)));

    [Theory]
    // 1/1 holiday, 1/2–1/3 the New Year closure (and a weekend): the first business day is Monday 1/4.
    [InlineData(2027, 1, "2027-01-04")]
    // Tuesday.
    [InlineData(2026, 12, "2026-12-01")]
    // 11/1 is a Sunday; 11/3 (文化の日) does not matter.
    [InlineData(2026, 11, "2026-11-02")]
    // Saturday 8/1 → Monday 8/3.
    [InlineData(2026, 8, "2026-08-03")]
    // Saturday 5/1, Sunday 5/2, then 憲法記念日, みどりの日, こどもの日 → Thursday 5/6.
    [InlineData(2027, 5, "2027-05-06")]
    public void The_first_business_day_of_a_month_skips_weekends_holidays_and_the_new_year_closure(int year, int month, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Calendar.FirstBusinessDayOf(year, month));

    [Theory]
    [InlineData("2027-01-04", "2026-12-01")]
    [InlineData("2026-12-01", "2026-11-01")]
    [InlineData("2026-11-02", "2026-10-01")]
    [InlineData("2027-05-06", "2027-04-01")]
    public void On_the_first_business_day_the_previous_month_is_due(string today, string dueMonth)
    {
        var clock = At8Jst(today);

        var due = MonthlyReportMail.MonthDue(Calendar, clock.GetUtcNow().UtcDateTime);

        Assert.Equal(DateOnly.Parse(dueMonth, System.Globalization.CultureInfo.InvariantCulture), due);
    }

    [Theory]
    // Closed days before the first business day, and the days after it.
    [InlineData("2027-01-01")]
    [InlineData("2027-01-03")]
    [InlineData("2027-01-05")]
    [InlineData("2026-11-01")]
    [InlineData("2026-11-03")]
    [InlineData("2026-12-02")]
    [InlineData("2027-05-03")]
    public void On_any_other_day_nothing_is_due(string today) =>
        Assert.Null(MonthlyReportMail.MonthDue(Calendar, At8Jst(today).GetUtcNow().UtcDateTime));

    [Fact]
    public void The_day_is_taken_in_japan_time_not_utc()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 13, 0, 0, TimeSpan.Zero)); // 22:00 JST on Monday 11/30
        Assert.Null(MonthlyReportMail.MonthDue(Calendar, clock.GetUtcNow().UtcDateTime));
        clock.Advance(TimeSpan.FromHours(10)); // 2026-11-30 23:00 UTC is already 2026-12-01 08:00 in Japan
        Assert.Equal(new DateOnly(2026, 11, 1), MonthlyReportMail.MonthDue(Calendar, clock.GetUtcNow().UtcDateTime));
    }

    [Theory]
    [InlineData("08:00", "0 23 * * *")]
    [InlineData("09:30", "30 0 * * *")]
    [InlineData("00:15", "15 15 * * *")]
    public void The_daily_run_is_scheduled_at_the_japan_time_in_utc(string jst, string cron) =>
        Assert.Equal(cron, MonthlyReportJob.DailyCronUtc(jst));
}
