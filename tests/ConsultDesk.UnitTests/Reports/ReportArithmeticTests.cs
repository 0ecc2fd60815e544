using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Reporting;
using ConsultDesk.Features.Reports;

namespace ConsultDesk.UnitTests.Reports;

public sealed class ReportArithmeticTests
{
    private static readonly BusinessCalendar Calendar = BusinessCalendar.LoadEmbedded();

    [Theory]
    [InlineData("2026-11-01T14:59:59Z", 20261101)]
    [InlineData("2026-11-01T15:00:00Z", 20261102)]   // midnight JST
    [InlineData("2026-12-31T15:00:00Z", 20270101)]
    public void Days_are_jst_calendar_dates(string utc, int day) =>
        Assert.Equal(day, CaseReportRow.DayOf(DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal)));

    [Fact]
    public void Topic_masks_have_one_bit_per_known_topic()
    {
        Assert.Equal(0b101, ConsultDesk.Domain.Topic.MaskOf(["satellite-office", "matching"]));
        Assert.Equal(1 << 10, ConsultDesk.Domain.Topic.Bit("other"));
        Assert.Equal(0, ConsultDesk.Domain.Topic.MaskOf(["no-such-topic"]));
    }

    [Fact]
    public void Weeks_run_monday_to_sunday_and_are_cut_to_the_range()
    {
        var weeks = FlowReport.Periods(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 11), "week").ToList();

        Assert.Equal(
            [(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1)), (new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 8)), (new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 11))],
            weeks);
    }

    [Fact]
    public void Months_follow_the_calendar()
    {
        var months = FlowReport.Periods(new DateOnly(2026, 1, 15), new DateOnly(2026, 3, 3), "month").ToList();

        Assert.Equal(
            [(new DateOnly(2026, 1, 15), new DateOnly(2026, 1, 31)), (new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)), (new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 3))],
            months);
    }

    [Theory]
    [InlineData("2026-11-09", 0, "2026-11-09")]
    [InlineData("2026-11-09", 1, "2026-11-08")]   // a case from Friday 11/6 or earlier is at least 1 business day old on Monday
    [InlineData("2026-11-09", 4, "2026-11-03")]   // 11/4, 11/5, 11/6, 11/9; the holiday 11/3 does not count
    [InlineData("2027-01-04", 2, "2026-12-27")]   // 12/29–1/3 closed: a case from 12/28 is only 1 day old on 1/4
    public void Age_cutoffs_skip_weekends_holidays_and_the_new_year_closure(string today, int days, string cutoff)
    {
        var last = CaseloadReport.LastDayAtLeast(Calendar, DateOnly.Parse(today), days);

        Assert.Equal(DateOnly.Parse(cutoff), last);
    }
}
