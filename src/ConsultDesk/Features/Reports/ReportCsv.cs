using System.Globalization;
using ConsultDesk.Common;
using ConsultDesk.Domain;

namespace ConsultDesk.Features.Reports;

/// <summary>Each report as one CSV table (UTF-8 with BOM), headed in Japanese or English after the request's culture.</summary>
public static class ReportCsv
{
    private static readonly CaseStatus[] OpenStatuses =
        [CaseStatus.New, CaseStatus.Triaged, CaseStatus.InConsultation, CaseStatus.InSupport, CaseStatus.Matching, CaseStatus.WaitingOnInquirer];

    public static byte[] Caseload(CaseloadReport.Response report, bool english)
    {
        var unassigned = english ? "(unassigned)" : "（未割当）";
        var rows = new List<IReadOnlyList<string>>();
        rows.Add([H("担当者", "Consultant", english), .. OpenStatuses.Select(StatusNames.Of), H("合計", "Total", english), H("期限超過", "Overdue", english), H("期限間近", "Due soon", english)]);
        rows.AddRange(report.Consultants.Select(c => (IReadOnlyList<string>)
            [c.AssigneeId is null ? unassigned : c.Name ?? c.AssigneeId.ToString()!, .. OpenStatuses.Select(s => Int(c.ByStatus.GetValueOrDefault(Wire.Name(s)))),
             Int(c.Total), Int(c.Overdue), Int(c.DueSoon)]));
        rows.Add([H("合計", "Total", english), .. OpenStatuses.Select(s => Int(report.Consultants.Sum(c => c.ByStatus.GetValueOrDefault(Wire.Name(s))))),
            Int(report.Open), Int(report.Overdue), Int(report.DueSoon)]);
        rows.Add([]);
        rows.Add([H("経過営業日数", "Age (business days)", english), H("件数", "Cases", english)]);
        rows.AddRange(report.Ages.Select(a => (IReadOnlyList<string>)[a.ToBusinessDays is { } upper ? $"{a.FromBusinessDays}-{upper - 1}" : $"{a.FromBusinessDays}+", Int(a.Count)]));
        return ExcelCsv.Write(rows);
    }

    public static byte[] Flow(FlowReport.Response report, bool english) => ExcelCsv.Write(
    [
        [H("期間開始", "Period start", english), H("期間終了", "Period end", english), H("受付", "Opened", english), H("解決", "Resolved", english),
         H("終了", "Closed", english), H("未完了（期末）", "Backlog (end)", english)],
        .. report.Periods.Select(p => (IReadOnlyList<string>)[Date(p.Start), Date(p.End), Int(p.Opened), Int(p.Resolved), Int(p.Closed), Int(p.Backlog)]),
    ]);

    public static byte[] Speed(SpeedReport.Response report, bool english)
    {
        IReadOnlyList<string> Row(string group, string name, SpeedReport.Measure first, SpeedReport.Measure resolution) =>
            [group, name, Int(first.Count), Num(first.MedianHours), Num(first.P90Hours), Num(first.SlaAttainment),
             Int(resolution.Count), Num(resolution.MedianHours), Num(resolution.P90Hours), Num(resolution.SlaAttainment)];
        var rows = new List<IReadOnlyList<string>>();
        rows.Add([H("区分", "Group", english), H("名前", "Name", english), H("初回応答件数", "First responses", english), H("初回応答 中央値（時間）", "First response median (h)", english),
             H("初回応答 p90（時間）", "First response p90 (h)", english), H("初回応答 SLA達成率", "First response SLA", english), H("解決件数", "Resolved", english),
             H("解決 中央値（時間）", "Resolution median (h)", english), H("解決 p90（時間）", "Resolution p90 (h)", english), H("解決 SLA達成率", "Resolution SLA", english)]);
        rows.Add(Row(H("全体", "All", english), "", report.FirstResponse, report.Resolution));
        rows.AddRange(report.ByConsultant.Select(g => Row(H("担当者", "Consultant", english), g.Name ?? (english ? "(unassigned)" : "（未割当）"), g.FirstResponse, g.Resolution)));
        rows.AddRange(report.ByInquirerType.Select(g => Row(H("相談者区分", "Inquirer type", english), TypeName(g.Key, english), g.FirstResponse, g.Resolution)));
        return ExcelCsv.Write(rows);
    }

    public static byte[] Funnel(FunnelReport.Response report, bool english)
    {
        string[] stages = english ? ["Intake", "Consultation", "Support", "Matching", "Concluded match"] : ["受付", "個別相談", "各種支援", "マッチング", "マッチング成立"];
        return ExcelCsv.Write(
        [
            [H("相談者区分", "Inquirer type", english), .. stages, .. stages.Skip(1).Select(s => english ? $"{s} / intake" : $"{s}率（対受付）")],
            .. report.ByInquirerType.Append(report.Total).Select(f => (IReadOnlyList<string>)
                [f.InquirerType == "all" ? H("全体", "All", english) : TypeName(f.InquirerType, english), .. f.Stages.Select(s => Int(s.Count)),
                 .. f.Stages.Skip(1).Select(s => Num(s.FromIntake))]),
        ]);
    }

    public static byte[] Geography(GeographyReport.Response report, bool english)
    {
        var types = Enum.GetValues<InquirerType>();
        return ExcelCsv.Write(
        [
            [H("都道府県コード", "Prefecture code", english), H("都道府県", "Prefecture", english), H("合計", "Total", english), .. types.Select(t => InquirerTypeNames.Name(t, english))],
            .. report.Prefectures.Select(p => (IReadOnlyList<string>)
                [p.Code, english ? p.NameEn : p.Name, Int(p.Total), .. types.Select(t => Int(p.ByInquirerType.GetValueOrDefault(Wire.Name(t))))]),
        ]);
    }

    /// <summary>Four tables one after the other, a blank line between them: month, prefecture, industry, commitment item.</summary>
    public static byte[] Declarations(DeclarationReport.Response report, bool english)
    {
        var rows = new List<IReadOnlyList<string>>();
        rows.Add([H("月", "Month", english), H("受理", "Accepted", english), H("うち取り下げ済み", "Since withdrawn", english)]);
        rows.AddRange(report.Months.Select(m => (IReadOnlyList<string>)[m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), Int(m.Accepted), Int(m.Withdrawn)]));
        rows.Add([H("合計", "Total", english), Int(report.Total), Int(report.Withdrawn)]);
        rows.Add([]);
        rows.Add([H("都道府県コード", "Prefecture code", english), H("都道府県", "Prefecture", english), H("受理", "Accepted", english)]);
        rows.AddRange(report.Prefectures.Select(p => (IReadOnlyList<string>)[p.Code, english ? p.NameEn : p.Name, Int(p.Accepted)]));
        rows.Add([]);
        rows.Add([H("業種コード", "Industry code", english), H("業種", "Industry", english), H("受理", "Accepted", english)]);
        rows.AddRange(report.Industries.Select(i => (IReadOnlyList<string>)[i.Code, english ? i.NameEn : i.Name, Int(i.Accepted)]));
        rows.Add([]);
        rows.Add([H("取組項目コード", "Item code", english), H("取組項目", "Commitment item", english), H("受理", "Accepted", english)]);
        // Item labels are text admins type: the writer escapes one that would read as a formula.
        rows.AddRange(report.Items.Select(i => (IReadOnlyList<string>)[i.Code, english && i.LabelEn.Length > 0 ? i.LabelEn : i.LabelJa, Int(i.Accepted)]));
        return ExcelCsv.Write(rows);
    }

    private static string TypeName(string wire, bool english) => Wire.TryParse<InquirerType>(wire, out var type) ? InquirerTypeNames.Name(type, english) : wire;
    private static string H(string ja, string en, bool english) => english ? en : ja;
    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Num(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
    private static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
