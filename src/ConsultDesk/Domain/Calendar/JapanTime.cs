using System.Globalization;

namespace ConsultDesk.Domain.Calendar;

/// <summary>
/// Japan time (JST) for a UTC instant and back, by the one fixed offset <see cref="BusinessCalendar.JapanOffset"/>:
/// Japan has no daylight saving time, so no time zone data is needed. Local JST values have Kind Unspecified.
/// </summary>
public static class JapanTime
{
    public static DateTime FromUtc(DateTime utc) =>
        DateTime.SpecifyKind(DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(BusinessCalendar.JapanOffset), DateTimeKind.Unspecified);

    public static DateTime ToUtc(DateTime japan) => DateTime.SpecifyKind(japan - BusinessCalendar.JapanOffset, DateTimeKind.Utc);

    /// <summary>A wall-clock time typed in Japan (a form field) as an instant.</summary>
    public static DateTimeOffset FromLocal(DateTime japan) =>
        new(DateTime.SpecifyKind(japan, DateTimeKind.Unspecified), BusinessCalendar.JapanOffset);

    /// <summary>The calendar day in Japan of an instant.</summary>
    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(FromUtc(utc));

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow().UtcDateTime);

    /// <summary>An instant as JST <c>yyyy-MM-dd HH:mm</c> (desk pages and CSV exports).</summary>
    public static string Format(DateTime utc) => FromUtc(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
