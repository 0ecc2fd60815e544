using System.Globalization;
using ConsultDesk.Common;
using Microsoft.AspNetCore.Http;

namespace ConsultDesk.Features.Award;

/// <summary>Writes an award export to the response as the project's CSV (<see cref="ExcelCsv"/>), a chunk at a time as rows are read.</summary>
public static class AwardCsv
{
    public static async Task WriteAsync(HttpContext http, IAsyncEnumerable<IReadOnlyList<string>> records, string fileName, CancellationToken ct)
    {
        http.Response.ContentType = ExcelCsv.ContentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await http.Response.Body.WriteAsync(ExcelCsv.Encoding.GetPreamble(), ct);
        var chunk = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = ExcelCsv.Writer(chunk);
        await foreach (var record in records.WithCancellation(ct))
        {
            csv.WriteRecord([.. record]);
            if (chunk.GetStringBuilder().Length < 32 * 1024) continue;
            csv.Flush();
            await http.Response.WriteAsync(chunk.ToString(), ct);
            chunk.GetStringBuilder().Clear();
        }
        csv.Flush();
        await http.Response.WriteAsync(chunk.ToString(), ct);
    }

    public static string Jst(DateTime? utc) => utc is { } value ? Domain.Calendar.JapanTime.Format(value) : "";

    public static string Number(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
