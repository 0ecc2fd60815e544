using System.Globalization;

namespace ConsultDesk.Domain.Calendar;

/// <summary>
/// Dates as official Japanese documents write them: 和暦 (令和8年12月4日, the first year of an era is 元年) and 西暦
/// (2026年12月4日). Its own table of era start dates rather than .NET's <see cref="JapaneseCalendar"/>, whose era
/// names and 元年 handling depend on the ICU data of the machine.
/// </summary>
public static class JapaneseEra
{
    private static readonly (DateOnly Start, string Name)[] Eras =
    [
        (new DateOnly(2019, 5, 1), "令和"),
        (new DateOnly(1989, 1, 8), "平成"),
        (new DateOnly(1926, 12, 25), "昭和"),
    ];

    /// <summary>The era name and year of a date (year 1 is the era's first, partial, year).</summary>
    public static (string Era, int Year) Of(DateOnly date)
    {
        foreach (var (start, name) in Eras)
            if (date >= start) return (name, date.Year - start.Year + 1);
        throw new ArgumentOutOfRangeException(nameof(date), date, "Dates before 昭和 are not supported.");
    }

    /// <summary>令和8年12月4日; 令和元年5月1日 for the first year.</summary>
    public static string Format(DateOnly date)
    {
        var (era, year) = Of(date);
        var yearText = year == 1 ? "元" : year.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{era}{yearText}年{date.Month}月{date.Day}日");
    }

    /// <summary>2026年12月4日.</summary>
    public static string FormatWestern(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");
}
