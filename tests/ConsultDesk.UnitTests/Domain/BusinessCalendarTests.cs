using ConsultDesk.Domain.Calendar;

namespace ConsultDesk.UnitTests.Domain;

public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar Calendar = BusinessCalendar.LoadEmbedded();

    private static DateTime Jst(int year, int month, int day, int hour, int minute = 0) =>
        new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-9);

    // Two business days = 16 desk hours (weekdays 9:00–17:00 JST). Expected values worked out by hand.
    [Theory]
    // Plain week: Mon 10:00 + 16h → Wed 10:00.
    [InlineData("2026-11-16 10:00", "2026-11-18 10:00")]
    // Before opening: the clock starts at 9:00.
    [InlineData("2026-11-16 07:30", "2026-11-17 17:00")]
    // Saturday: clock starts Monday 9:00 → Tuesday 17:00.
    [InlineData("2026-11-28 10:00", "2026-12-01 17:00")]
    // Golden Week 2026: 4/29 昭和の日; Tue 10:00 → 7h Tue, 8h Thu 4/30, 1h Fri 5/1 → Fri 10:00.
    [InlineData("2026-04-28 10:00", "2026-05-01 10:00")]
    // Golden Week 2026: 5/2 Sat – 5/6 Wed (振替休日) closed; Fri 16:00 → 1h + 8h Thu 5/7 + 7h Fri 5/8 → 16:00.
    [InlineData("2026-05-01 16:00", "2026-05-08 16:00")]
    // New Year closure 12/29–1/3: Mon 12/28 15:00 → 2h + 8h Mon 1/4 + 6h Tue 1/5 → 15:00.
    [InlineData("2026-12-28 15:00", "2027-01-05 15:00")]
    // 2027: 春分の日 on Sunday 3/21, 振替休日 Monday 3/22; Fri 9:00 → 8h Fri + 8h Tue 3/23 → Tue 17:00.
    [InlineData("2027-03-19 09:00", "2027-03-23 17:00")]
    // 2024-02-12 振替休日 for 建国記念の日 on Sunday; Fri 2/9 12:00 → 5h + 8h Tue 2/13 + 3h Wed → Wed 12:00.
    [InlineData("2024-02-09 12:00", "2024-02-14 12:00")]
    public void First_response_is_due_two_business_days_later_in_desk_hours(string submittedJst, string dueJst)
    {
        var submitted = Parse(submittedJst);

        Assert.Equal(Parse(dueJst), Calendar.AddBusinessDays(submitted, 2));
    }

    [Fact]
    public void Desk_time_counts_only_opening_hours_of_business_days()
    {
        // Fri 16:00 → 1h; Mon 11/23 is 勤労感謝の日; Tue 9:00–10:00 → 1h.
        Assert.Equal(TimeSpan.FromHours(1), Calendar.DeskTimeBetween(Jst(2026, 11, 20, 16), Jst(2026, 11, 23, 10)));
        Assert.Equal(TimeSpan.FromHours(2), Calendar.DeskTimeBetween(Jst(2026, 11, 20, 16), Jst(2026, 11, 24, 10)));
        Assert.Equal(TimeSpan.Zero, Calendar.DeskTimeBetween(Jst(2026, 12, 29, 10), Jst(2027, 1, 3, 16)));
        Assert.Equal(TimeSpan.Zero, Calendar.DeskTimeBetween(Jst(2026, 11, 24, 12), Jst(2026, 11, 24, 11)));
    }

    [Theory]
    [InlineData("2026-05-06", false)] // 振替休日
    [InlineData("2026-09-22", false)] // 国民の休日 between 敬老の日 and 秋分の日
    [InlineData("2026-12-29", false)] // government closure
    [InlineData("2027-01-03", false)]
    [InlineData("2027-01-04", true)]
    [InlineData("2026-11-26", true)]
    [InlineData("2026-11-28", false)] // Saturday
    public void Business_days_exclude_weekends_holidays_and_the_new_year_closure(string day, bool expected) =>
        Assert.Equal(expected, Calendar.IsBusinessDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_holiday_data_covers_2019_to_2027()
    {
        Assert.Equal(new DateOnly(2019, 1, 1), Calendar.FirstYearCovered);
        Assert.Equal(new DateOnly(2027, 12, 31), Calendar.LastYearCovered);
        Assert.True(Calendar.IsHoliday(new DateOnly(2019, 5, 1)));
        Assert.True(Calendar.IsHoliday(new DateOnly(2021, 7, 23))); // Olympic move of スポーツの日
    }

    [Fact]
    public void The_cabinet_office_date_format_is_read_too()
    {
        var days = BusinessCalendar.ParseHolidays(new StringReader("国民の祝日・休日月日,国民の祝日・休日名称\n2024/1/1,元日\n2024/02/12,休日\n")).ToList();

        Assert.Equal([new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 12)], days);
    }

    private static DateTime Parse(string jst)
    {
        var local = DateTime.ParseExact(jst, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return DateTime.SpecifyKind(local.AddHours(-9), DateTimeKind.Utc);
    }
}
