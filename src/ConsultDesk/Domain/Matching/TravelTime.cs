using System.Globalization;

namespace ConsultDesk.Domain.Matching;

/// <summary>
/// Travel time from Tokyo as people read it: 250 minutes is 「4時間10分」 ("4 h 10 min"), 45 is 「45分」, 120 is 「2時間」.
/// The one formatter for every page, explanation and mail that shows a travel time.
/// </summary>
public static class TravelTime
{
    public static string Format(int minutes, bool english)
    {
        var (hours, rest) = (Math.Max(0, minutes) / 60, Math.Max(0, minutes) % 60);
        var inv = CultureInfo.InvariantCulture;
        return (hours, rest, english) switch
        {
            (0, _, false) => string.Create(inv, $"{rest}分"),
            (_, 0, false) => string.Create(inv, $"{hours}時間"),
            (_, _, false) => string.Create(inv, $"{hours}時間{rest}分"),
            (0, _, true) => string.Create(inv, $"{rest} min"),
            (_, 0, true) => string.Create(inv, $"{hours} h"),
            _ => string.Create(inv, $"{hours} h {rest} min"),
        };
    }
}
