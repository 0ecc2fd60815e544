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
            foreach (var record in records) csv.WriteRecord([.. record]);
        return memory.ToArray();
    }

    /// <summary>A writer over a stream the caller owns (for exports streamed to the response).</summary>
    public static CsvWriter Writer(TextWriter writer) =>
        CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\r\n", FormatProvider = CultureInfo.InvariantCulture }, true);
}
