using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Http;

namespace ConsultDesk.Common;

/// <summary>
/// CSV as Excel in Japanese opens it: UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting, and every text cell that
/// a spreadsheet would run as a formula (it starts with <c>= + - @</c>, tab or CR) prefixed with <c>'</c> so it shows
/// as text (OWASP's CSV injection advice). Every CSV the app writes goes through <see cref="Writer"/>. Counts and
/// other numbers the app writes are never negative, so they never start with <c>-</c> and stay numbers.
/// </summary>
public static class ExcelCsv
{
    /// <summary>What <see cref="CsvInjection.Escape"/> puts in front of a possible formula.</summary>
    public const char FormulaEscape = '\'';

    private const string FormulaStarts = "=+-@\t\r";

    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static byte[] Write(IEnumerable<IReadOnlyList<string>> records)
    {
        using var memory = new MemoryStream();
        using (var writer = new StreamWriter(memory, Encoding, leaveOpen: true))
        using (var csv = Writer(writer))
        {
            // RFC 4180 (and the writer) want the same number of fields in every record: a report with two tables, or
            // a blank line between them, has its shorter records padded with empty fields.
            var all = records.ToList();
            var width = Math.Max(1, all.Count == 0 ? 0 : all.Max(r => r.Count));
            foreach (var record in all)
                csv.WriteRecord(record.Count == width ? [.. record] : [.. record, .. Enumerable.Repeat("", width - record.Count)]);
        }
        return memory.ToArray();
    }

    /// <summary>A writer over a stream the caller owns (for exports streamed to the response).</summary>
    public static CsvWriter Writer(TextWriter writer) =>
        CsvWriter.Create(writer, new CsvWriterOptions
        {
            NewLine = "\r\n", FormatProvider = CultureInfo.InvariantCulture,
            Injection = CsvInjection.Escape, InjectionEscape = FormulaEscape,
        }, true);

    /// <summary>
    /// Streams records to the response as a download: formatted into memory a chunk at a time and written
    /// asynchronously (Kestrel refuses synchronous writes), so an export never holds all its rows.
    /// </summary>
    public static async Task WriteAsync(HttpResponse response, IAsyncEnumerable<IReadOnlyList<string>> records, string fileName, CancellationToken ct)
    {
        response.ContentType = ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await response.Body.WriteAsync(Encoding.GetPreamble(), ct);
        var chunk = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = Writer(chunk);
        await foreach (var record in records.WithCancellation(ct))
        {
            csv.WriteRecord([.. record]);
            if (chunk.GetStringBuilder().Length < 32 * 1024) continue;
            csv.Flush();
            await response.WriteAsync(chunk.ToString(), ct);
            chunk.GetStringBuilder().Clear();
        }
        csv.Flush();
        await response.WriteAsync(chunk.ToString(), ct);
    }

    /// <summary>
    /// A cell read back from a file we wrote, without the escape <see cref="Writer"/> added: <c>'=x</c> is <c>=x</c>
    /// again (an apostrophe before anything else is the cell's own text).
    /// </summary>
    public static string Unescape(string cell) =>
        cell.Length >= 2 && cell[0] == FormulaEscape && FormulaStarts.Contains(cell[1], StringComparison.Ordinal) ? cell[1..] : cell;
}
