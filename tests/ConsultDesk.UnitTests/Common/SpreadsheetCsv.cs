using System.Text;

namespace ConsultDesk.Tests;

/// <summary>
/// Reads CSV the way a spreadsheet opens it (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes), on
/// its own and not through CsvHelper, so a test sees the cells Excel would put in its grid.
/// </summary>
public static class SpreadsheetCsv
{
    /// <summary>The characters that make Excel read a cell as a formula (OWASP's list).</summary>
    public static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static List<List<string>> Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes.AsSpan(3) : bytes);
        var records = new List<List<string>>();
        var record = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' || c == '\n')
            {
                if (c == '\r') i++;
                record.Add(cell.ToString());
                cell.Clear();
                records.Add(record);
                record = [];
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || record.Count > 0) { record.Add(cell.ToString()); records.Add(record); }
        return records;
    }

    /// <summary>Cells a spreadsheet would run as a formula.</summary>
    public static IEnumerable<string> Formulas(byte[] bytes) =>
        Parse(bytes).SelectMany(r => r).Where(c => c.Length > 0 && FormulaStarts.Contains(c[0]));
}
