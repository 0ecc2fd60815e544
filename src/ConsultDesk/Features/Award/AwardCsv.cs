using System.Globalization;
using ConsultDesk.Common;

namespace ConsultDesk.Features.Award;

/// <summary>How the award exports write their cells (streamed by <see cref="ExcelCsv.WriteAsync"/>).</summary>
public static class AwardCsv
{
    /// <summary>An export's rows, read from the database as the response is written; the year names the file.</summary>
    public sealed record Export(int Year, IAsyncEnumerable<IReadOnlyList<string>> Records);

    public static string Jst(DateTime? utc) => utc is { } value ? Domain.Calendar.JapanTime.Format(value) : "";

    public static string Number(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
