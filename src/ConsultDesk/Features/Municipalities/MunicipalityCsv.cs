using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ConsultDesk.Common;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Matching;
using ConsultDesk.Resources;
using CsvHelper;

namespace ConsultDesk.Features.Municipalities;

/// <summary>
/// The profile exchange file, made to be edited in Excel and imported back. One row per office or incentive
/// (<c>record</c> = <c>office</c> | <c>incentive</c>, or <c>profile</c> for a profile with neither); the profile
/// columns are repeated on every row and the first row of a code is the one that counts (a later row that says
/// something different is an error). Lists are separated by <c>;</c>. Written as UTF-8 with a BOM; read as UTF-8
/// (with or without BOM) or, when the bytes are not valid UTF-8, as CP932 (Excel's 「CSV (コンマ区切り)」).
/// </summary>
public static partial class MunicipalityCsv
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 50_000;

    public static readonly IReadOnlyList<string> ProfileColumns =
    [
        "code", "name", "name_kana", "contact_department", "contact_email", "contact_phone", "description", "welcomed_industries",
        "welcomed_company_sizes", "welcomes_workation", "welcomes_relocation", "published", "sample",
    ];

    public static readonly IReadOnlyList<string> OfficeColumns =
    [
        "office_name", "office_address", "seats", "available_seats", "monthly_fee_per_seat", "bandwidth_mbps", "meeting_rooms", "opening_hours",
        "travel_minutes_from_tokyo",
    ];

    public static readonly IReadOnlyList<string> IncentiveColumns =
        ["incentive_name", "incentive_kind", "cap_yen", "rate", "eligibility", "available_from", "available_until"];

    public static readonly IReadOnlyList<string> Columns = ["record", .. ProfileColumns, .. OfficeColumns, .. IncentiveColumns];

    private static readonly Dictionary<string, string> ProfileColumnOf = new(StringComparer.Ordinal)
    {
        ["Name"] = "name", ["NameKana"] = "name_kana", ["ContactDepartment"] = "contact_department", ["ContactEmail"] = "contact_email",
        ["ContactPhone"] = "contact_phone", ["Description"] = "description", ["WelcomedIndustries"] = "welcomed_industries",
        ["WelcomedCompanySizes"] = "welcomed_company_sizes", ["Offices"] = "record", ["Incentives"] = "record",
    };

    private static readonly Dictionary<string, string> OfficeColumnOf = new(StringComparer.Ordinal)
    {
        ["Name"] = "office_name", ["Address"] = "office_address", ["Seats"] = "seats", ["AvailableSeats"] = "available_seats",
        ["MonthlyFeePerSeat"] = "monthly_fee_per_seat", ["BandwidthMbps"] = "bandwidth_mbps", ["MeetingRooms"] = "meeting_rooms",
        ["OpeningHours"] = "opening_hours", ["TravelMinutesFromTokyo"] = "travel_minutes_from_tokyo",
    };

    private static readonly Dictionary<string, string> IncentiveColumnOf = new(StringComparer.Ordinal)
    {
        ["Name"] = "incentive_name", ["Kind"] = "incentive_kind", ["CapYen"] = "cap_yen", ["Rate"] = "rate", ["Eligibility"] = "eligibility",
        ["AvailableFrom"] = "available_from", ["AvailableUntil"] = "available_until",
    };

    private static readonly MunicipalityInputValidator Validator = new();

    static MunicipalityCsv() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>A problem with one cell (or, without a column, a whole row); row 1 is the header, as Excel numbers rows.</summary>
    public sealed record RowError(int Row, string? Column, string Message);

    /// <summary>The rows of one code, as the profile they replace.</summary>
    public sealed record Group(string Code, MunicipalityInput Profile, int FirstRow);

    public sealed record ReadResult(IReadOnlyList<Group> Groups, IReadOnlyList<RowError> Errors, string Encoding)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    /// <summary>The shipped sample profiles (real 団体コード and names, invented offices and incentives marked サンプル).</summary>
    public static byte[] SampleFile()
    {
        var assembly = typeof(MunicipalityCsv).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("sample-municipalities.csv", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    // ---- writing ----------------------------------------------------------------------------------------------------

    public static byte[] Write(IEnumerable<MunicipalityProfile> profiles)
    {
        using var memory = new MemoryStream();
        using (var writer = new StreamWriter(memory, ExcelCsv.Encoding, leaveOpen: true))
        using (var csv = ExcelCsv.Writer(writer))
        {
            csv.WriteRecord([.. Columns]);
            foreach (var p in profiles)
            {
                if (p.Offices.Count == 0 && p.Incentives.Count == 0) WriteRow(csv, "profile", p, Empty(OfficeColumns.Count), Empty(IncentiveColumns.Count));
                foreach (var o in MunicipalityInput.InOrder(p.Offices))
                    WriteRow(csv, "office", p, [o.Name, o.Address, Int(o.Seats), Int(o.AvailableSeats), Int(o.MonthlyFeePerSeat), Int(o.BandwidthMbps),
                        Int(o.MeetingRooms), o.OpeningHours, Int(o.TravelMinutesFromTokyo)], Empty(IncentiveColumns.Count));
                foreach (var i in MunicipalityInput.InOrder(p.Incentives))
                    WriteRow(csv, "incentive", p, Empty(OfficeColumns.Count), [i.Name, Wire.Name(i.Kind),
                        i.CapYen?.ToString(CultureInfo.InvariantCulture) ?? "", i.Rate ?? "", i.Eligibility, Date(i.AvailableFrom), Date(i.AvailableUntil)]);
            }
        }
        return memory.ToArray();
    }

    private static void WriteRow(CsvWriter csv, string record, MunicipalityProfile p, string[] office, string[] incentive)
    {
        string[] profile =
        [
            p.Code, p.Name, p.NameKana, p.ContactDepartment, p.ContactEmail, p.ContactPhone ?? "", p.Description ?? "",
            string.Join(';', p.WelcomedIndustries), string.Join(';', p.WelcomedCompanySizes), Bool(p.WelcomesWorkation), Bool(p.WelcomesRelocation),
            Bool(p.IsPublished), Bool(p.IsSample),
        ];
        csv.WriteRecord([record, .. profile, .. office, .. incentive]);
    }

    private static string[] Empty(int count) => Enumerable.Repeat("", count).ToArray();
    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Bool(bool value) => value ? "true" : "false";
    private static string Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    // ---- reading ----------------------------------------------------------------------------------------------------

    /// <summary>Valid UTF-8 (a BOM is optional) is read as UTF-8; anything else as CP932.</summary>
    public static (string Text, string Encoding) Decode(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        var body = bytes.StartsWith(bom) ? bytes[3..] : bytes;
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body), "utf-8");
        }
        catch (DecoderFallbackException)
        {
            return (System.Text.Encoding.GetEncoding(932).GetString(bytes), "cp932");
        }
    }

    public static ReadResult Read(ReadOnlySpan<byte> bytes)
    {
        var (text, encoding) = Decode(bytes);
        var errors = new List<RowError>();
        var rows = new List<(int Row, Dictionary<string, string> Cells)>();
        try
        {
            // The header is read as a record too, so the record count is the row number Excel shows (header = 1).
            using var csv = CsvReader.FromText(text, new CsvReaderOptions
            {
                HasHeader = false, TrimWhitespace = true, SkipEmptyLines = true, AllowLineBreaksInQuotes = true,
                FieldCountMismatch = CsvFieldCountHandling.Allow, MissingField = CsvMissingFieldHandling.ReturnEmpty,
                MalformedData = CsvMalformedDataHandling.Throw, FormatProvider = CultureInfo.InvariantCulture,
            });
            if (!csv.Read()) return new ReadResult([], [new RowError(1, null, Texts.MunicipalityCsvEmpty)], encoding);
            var header = Enumerable.Range(0, csv.FieldCount).Select(i => (csv.GetString(i) ?? "").Trim().ToLowerInvariant()).ToArray();
            foreach (var required in (string[])["record", "code"])
                if (!header.Contains(required)) errors.Add(new RowError(1, required, string.Format(Texts.MunicipalityCsvMissingColumn, required)));
            if (errors.Count > 0) return new ReadResult([], errors, encoding);
            var row = 1;
            while (csv.Read())
            {
                row++;
                if (rows.Count >= MaxRows)
                    return new ReadResult([], [new RowError(row, null, string.Format(Texts.MunicipalityCsvTooManyRows, MaxRows))], encoding);
                var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < header.Length; i++)
                    if (header[i].Length > 0) cells[header[i]] = i < csv.FieldCount ? ExcelCsv.Unescape((csv.GetString(i) ?? "").Trim()).Trim() : "";
                if (cells.Values.All(v => v.Length == 0)) continue; // Excel leaves rows of empty cells behind
                rows.Add((row, cells));
            }
        }
        catch (CsvFormatException ex)
        {
            return new ReadResult([], [new RowError((int)Math.Max(1, ex.RecordNumber), null, Texts.MunicipalityCsvUnreadable)], encoding);
        }

        var groups = new List<Group>();
        foreach (var byCode in rows.GroupBy(r => NormalizeCode(Cell(r.Cells, "code"))))
        {
            var first = byCode.First();
            if (!LocalGovernmentCode.IsValid(byCode.Key))
            {
                foreach (var (row, _) in byCode) errors.Add(new RowError(row, "code", Texts.LocalGovernmentCodeFormat));
                continue;
            }
            var officeRows = new List<int>();
            var incentiveRows = new List<int>();
            var offices = new List<OfficeInput>();
            var incentives = new List<IncentiveInput>();
            var before = errors.Count;
            foreach (var (row, cells) in byCode)
            {
                foreach (var column in ProfileColumns.Skip(1))
                {
                    var value = Cell(cells, column);
                    if (value.Length > 0 && value != Cell(first.Cells, column))
                        errors.Add(new RowError(row, column, string.Format(Texts.MunicipalityCsvDiffers, first.Row)));
                }
                var cell = new Cells(row, cells, errors);
                switch (Cell(cells, "record").ToLowerInvariant())
                {
                    case "office":
                        officeRows.Add(row);
                        offices.Add(new OfficeInput
                        {
                            Name = cell.Text("office_name"), Address = cell.Text("office_address"), Seats = cell.Int("seats"),
                            AvailableSeats = cell.Int("available_seats"), MonthlyFeePerSeat = cell.Int("monthly_fee_per_seat"),
                            BandwidthMbps = cell.Int("bandwidth_mbps"), MeetingRooms = cell.Int("meeting_rooms"), OpeningHours = cell.Text("opening_hours"),
                            TravelMinutesFromTokyo = cell.Int("travel_minutes_from_tokyo"),
                        });
                        break;
                    case "incentive":
                        incentiveRows.Add(row);
                        incentives.Add(new IncentiveInput
                        {
                            Name = cell.Text("incentive_name"), Kind = cell.Kind("incentive_kind"), CapYen = cell.Long("cap_yen"), Rate = cell.Text("rate"),
                            Eligibility = cell.Text("eligibility"), AvailableFrom = cell.Date("available_from"), AvailableUntil = cell.Date("available_until"),
                        });
                        break;
                    case "profile":
                        break;
                    default:
                        errors.Add(new RowError(row, "record", Texts.MunicipalityCsvRecord));
                        break;
                }
            }
            var head = new Cells(first.Row, first.Cells, errors);
            var input = new MunicipalityInput
            {
                Name = head.Text("name"), NameKana = head.Text("name_kana"), ContactDepartment = head.Text("contact_department"),
                ContactEmail = head.Text("contact_email"), ContactPhone = head.Text("contact_phone"), Description = head.Text("description"),
                WelcomedIndustries = head.List("welcomed_industries", upper: true), WelcomedCompanySizes = head.List("welcomed_company_sizes", upper: false),
                WelcomesWorkation = head.Bool("welcomes_workation"), WelcomesRelocation = head.Bool("welcomes_relocation"),
                IsPublished = head.Bool("published"), IsSample = head.Bool("sample"),
                Offices = offices, Incentives = incentives,
            };
            if (errors.Count > before) continue; // cells that did not parse: their validation would only repeat them
            foreach (var failure in Validator.Validate(input).Errors)
                errors.Add(Locate(failure.PropertyName, failure.ErrorMessage, first.Row, officeRows, incentiveRows));
            groups.Add(new Group(byCode.Key, input, first.Row));
        }
        errors.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : string.CompareOrdinal(a.Column, b.Column));
        return errors.Count > 0 ? new ReadResult([], errors, encoding) : new ReadResult(groups, [], encoding);
    }

    [GeneratedRegex(@"^(Offices|Incentives)\[(\d+)\]\.(\w+)$")]
    private static partial Regex ChildPath();

    private static RowError Locate(string property, string message, int firstRow, List<int> officeRows, List<int> incentiveRows)
    {
        if (ChildPath().Match(property) is { Success: true } child)
        {
            var index = int.Parse(child.Groups[2].Value, CultureInfo.InvariantCulture);
            var offices = child.Groups[1].Value == "Offices";
            var row = offices ? officeRows[index] : incentiveRows[index];
            var columns = offices ? OfficeColumnOf : IncentiveColumnOf;
            return new RowError(row, columns.GetValueOrDefault(child.Groups[3].Value), message);
        }
        var name = property.Split('[', '.')[0];
        return new RowError(firstRow, ProfileColumnOf.GetValueOrDefault(name), message);
    }

    /// <summary>Excel drops the leading zero of 010006; five digits that become a valid code with it are taken as that code.</summary>
    internal static string NormalizeCode(string code) =>
        code.Length == 5 && code.All(char.IsAsciiDigit) && LocalGovernmentCode.IsValid("0" + code) ? "0" + code : code;

    private static string Cell(Dictionary<string, string> cells, string column) => cells.GetValueOrDefault(column) ?? "";

    private sealed class Cells(int row, Dictionary<string, string> cells, List<RowError> errors)
    {
        private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"];

        public string? Text(string column) => Cell(cells, column) is { Length: > 0 } value ? value : null;

        public int Int(string column)
        {
            var value = Cell(cells, column);
            if (value.Length == 0) return 0;
            if (int.TryParse(value, NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return number;
            errors.Add(new RowError(row, column, Texts.MunicipalityCsvNumber));
            return 0;
        }

        public long? Long(string column)
        {
            var value = Cell(cells, column);
            if (value.Length == 0) return null;
            if (long.TryParse(value, NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return number;
            errors.Add(new RowError(row, column, Texts.MunicipalityCsvNumber));
            return null;
        }

        public bool Bool(string column)
        {
            var value = Cell(cells, column).ToLowerInvariant();
            switch (value)
            {
                case "" or "false" or "0": return false;
                case "true" or "1": return true;
                default:
                    errors.Add(new RowError(row, column, Texts.MunicipalityBoolean));
                    return false;
            }
        }

        public DateOnly? Date(string column)
        {
            var value = Cell(cells, column);
            if (value.Length == 0) return null;
            if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            errors.Add(new RowError(row, column, Texts.MunicipalityCsvDate));
            return null;
        }

        public IncentiveKind? Kind(string column)
        {
            var value = Cell(cells, column);
            if (Wire.TryParse<IncentiveKind>(value.ToLowerInvariant(), out var kind)) return kind;
            errors.Add(new RowError(row, column, Texts.MunicipalityIncentiveKind));
            return null;
        }

        public IReadOnlyList<string> List(string column, bool upper) =>
            [.. Cell(cells, column).Split([';', '；', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(v => upper ? v.ToUpperInvariant() : v.ToLowerInvariant())];
    }
}
