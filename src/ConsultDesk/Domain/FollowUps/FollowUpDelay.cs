using System.Globalization;
using ConsultDesk.Domain.Calendar;

namespace ConsultDesk.Domain.FollowUps;

/// <summary>
/// A follow-up delay as configured: <c>3bd</c> is three business days of desk time on the desk's calendar
/// (Friday 15:00 + 1bd = Monday 15:00, skipping holidays), anything else a TimeSpan such as <c>00:00:05</c>.
/// </summary>
public readonly record struct FollowUpDelay(int BusinessDays, TimeSpan Time)
{
    public static FollowUpDelay Parse(string text)
    {
        if (TryParse(text, out var delay)) return delay;
        throw new FormatException($"'{text}' is not a follow-up delay: use business days such as 3bd or a time span such as 00:00:05.");
    }

    public static bool TryParse(string? text, out FollowUpDelay delay)
    {
        delay = default;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value)) return false;
        if (value.EndsWith("bd", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(value[..^2], NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 0 and <= 365)
        {
            delay = new FollowUpDelay(days, TimeSpan.Zero);
            return true;
        }
        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var time) && time >= TimeSpan.Zero)
        {
            delay = new FollowUpDelay(0, time);
            return true;
        }
        return false;
    }

    public DateTime After(DateTime utc, BusinessCalendar calendar) =>
        BusinessDays > 0 ? calendar.AddBusinessDays(utc, BusinessDays) : utc + Time;

    public override string ToString() => BusinessDays > 0 ? $"{BusinessDays}bd" : Time.ToString("c", CultureInfo.InvariantCulture);
}
