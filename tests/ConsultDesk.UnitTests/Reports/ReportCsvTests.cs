using System.Text;
using ConsultDesk.Features.Reports;

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
}
