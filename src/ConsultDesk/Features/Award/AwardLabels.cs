using System.Globalization;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Award;

namespace ConsultDesk.Features.Award;

/// <summary>The award's code labels (phase, status, mode…) in Japanese or English, from <see cref="CodeLists"/> (the OpenAPI document shows the same).</summary>
public static class AwardLabels
{
    public static string Of<TEnum>(TEnum value, bool english) where TEnum : struct, Enum
    {
        var code = Wire.Name(value);
        var entry = CodeLists.ForEnum(typeof(TEnum).Name)?.Entries.FirstOrDefault(e => e.Code == code);
        return entry is null ? code : english ? entry.En : entry.Ja;
    }

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Of(value, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en");

    public static string Status(AwardEntryStatus status, bool english) => Of(status, english);

    public static string EntrantKind(AwardEntrantKind kind, bool english) => Of(kind, english);
}
