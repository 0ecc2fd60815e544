using System.Globalization;
using System.Text;
using CsvHelper;

namespace ConsultDesk.Common;

/// <summary>CSV as Excel in Japanese opens it: UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting.</summary>
public static class ExcelCsv
{
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
        CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\r\n", FormatProvider = CultureInfo.InvariantCulture }, true);
}
