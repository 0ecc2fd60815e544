using System.Globalization;

namespace ConsultDesk.Domain.Calendar;

/// <summary>
/// The desk's one calendar: weekdays 9:00–17:00 JST, closed on national holidays (内閣府 syukujitsu.csv, shipped as
/// data) and over the government's New Year closure (12/29–1/3). SLA clocks run only in these desk hours.
/// </summary>
public sealed class BusinessCalendar
{
    public static readonly TimeSpan JapanOffset = TimeSpan.FromHours(9);
    public static readonly TimeOnly Opens = new(9, 0);
    public static readonly TimeOnly Closes = new(17, 0);
    public static readonly TimeSpan DeskDay = Closes - Opens;

    private readonly HashSet<DateOnly> holidays;

    public BusinessCalendar(IEnumerable<DateOnly> holidays) => this.holidays = [.. holidays];

    public DateOnly FirstYearCovered => holidays.Count == 0 ? default : new DateOnly(holidays.Min().Year, 1, 1);
    public DateOnly LastYearCovered => holidays.Count == 0 ? default : new DateOnly(holidays.Max().Year, 12, 31);

    public bool IsHoliday(DateOnly day) => holidays.Contains(day);

    public static bool IsNewYearClosure(DateOnly day) => day is { Month: 12, Day: >= 29 } or { Month: 1, Day: <= 3 };

    public bool IsBusinessDay(DateOnly day) =>
        day.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday && !IsHoliday(day) && !IsNewYearClosure(day);

    /// <summary>The first business day of a calendar month (after weekends, holidays and the New Year closure).</summary>
    public DateOnly FirstBusinessDayOf(int year, int month)
    {
        var day = new DateOnly(year, month, 1);
        while (!IsBusinessDay(day)) day = day.AddDays(1);
        return day;
    }

    /// <summary>Adds desk time to an instant: time outside desk hours does not count.</summary>
    public DateTime AddDeskTime(DateTime utc, TimeSpan deskTime)
    {
        var local = ToJapan(utc);
        var remaining = deskTime;
        var day = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        while (true)
        {
            if (IsBusinessDay(day) && time < Closes)
            {
                var start = time < Opens ? Opens : time;
                var available = Closes - start;
                if (remaining <= available)
                    return FromJapan(day.ToDateTime(start) + remaining);
                remaining -= available;
            }
            day = day.AddDays(1);
            time = TimeOnly.MinValue;
        }
    }

    /// <summary>Due time for a number of business days: that many full desk days of desk time.</summary>
    public DateTime AddBusinessDays(DateTime utc, int days) => AddDeskTime(utc, DeskDay * days);

    /// <summary>Desk time between two instants (zero when <paramref name="toUtc"/> is not later).</summary>
    public TimeSpan DeskTimeBetween(DateTime fromUtc, DateTime toUtc)
    {
        if (toUtc <= fromUtc) return TimeSpan.Zero;
        var from = ToJapan(fromUtc);
        var to = ToJapan(toUtc);
        var total = TimeSpan.Zero;
        for (var day = DateOnly.FromDateTime(from); day <= DateOnly.FromDateTime(to); day = day.AddDays(1))
        {
            if (!IsBusinessDay(day)) continue;
            var open = day.ToDateTime(Opens);
            var close = day.ToDateTime(Closes);
            var start = from > open ? from : open;
            var end = to < close ? to : close;
            if (end > start) total += end - start;
        }
        return total;
    }

    private static DateTime ToJapan(DateTime utc) => JapanTime.FromUtc(utc);
    private static DateTime FromJapan(DateTime japan) => JapanTime.ToUtc(japan);

    public static BusinessCalendar LoadEmbedded()
    {
        var assembly = typeof(BusinessCalendar).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("japanese-holidays.csv", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return new BusinessCalendar(ParseHolidays(reader));
    }

    /// <summary>Reads date,name rows; dates as 2024-01-01 or, as in the Cabinet Office file, 2024/1/1.</summary>
    public static IEnumerable<DateOnly> ParseHolidays(TextReader reader)
    {
        string[] formats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy/MM/dd"];
        while (reader.ReadLine() is { } line)
        {
            var field = line.Split(',')[0].Trim();
            if (DateOnly.TryParseExact(field, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) yield return day;
        }
    }
}
