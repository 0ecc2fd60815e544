using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ConsultDesk.Domain.Reporting;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace ConsultDesk.IntegrationTests.Reports;

/// <summary>
/// The monthly report mail end to end: sent now for a past month by a manager, written to the outbox, delivered by the
/// dispatcher to the real SMTP sink once however often it is asked for, with the summary and the five CSVs attached.
/// </summary>
public abstract class MonthlyReportMailTests(ConsultDeskAppFactory app)
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Submits an inquiry and moves its report row to the given day, as if it had come in then.</summary>
    private async Task SubmitOnAsync(System.Text.Json.Nodes.JsonObject body, DateOnly day)
    {
        using var client = app.CreateClient();
        var response = await Infrastructure.Inquiries.PostAsync(client, body);
        response.EnsureSuccessStatusCode();
        var reference = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        var submittedAt = DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(1, 0)), DateTimeKind.Utc); // 10:00 JST
        await app.WithDbAsync(async db =>
        {
            var caseId = await db.Cases.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync();
            await db.CaseReportRows.Where(r => r.CaseId == caseId).ExecuteUpdateAsync(set => set
                .SetProperty(r => r.SubmittedAt, submittedAt)
                .SetProperty(r => r.SubmittedOn, CaseReportRow.DayOf(day)));
            // The flow report's per-day summary follows the rows, as a rebuild would make it.
            await ConsultDesk.Features.Reports.FlowDayCounts.RefillAsync(db, CancellationToken.None);
            await ConsultDesk.Features.Reports.SpeedSummary.RefillAsync(db, CancellationToken.None);
            return 0;
        });
    }

    private static async Task<string> StatusOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()!;
    }

    [Fact]
    public async Task A_manager_gets_the_report_of_a_past_month_once_with_the_summary_and_five_csv_files()
    {
        // The last full month in Japan time: only this test's cases are moved into it.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var key = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var (manager, _) = await Staff.NewUserAsync(app, "manager", "月報 課長");
        var managerEmail = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/users/me")).GetProperty("email").GetString()!;
        await SubmitOnAsync(Infrastructure.Inquiries.Municipality(Infrastructure.Inquiries.UniqueEmail("monthly")), month.AddDays(4));
        await SubmitOnAsync(Infrastructure.Inquiries.Company(Infrastructure.Inquiries.UniqueEmail("monthly")), month.AddDays(9));
        await SubmitOnAsync(Infrastructure.Inquiries.Worker(Infrastructure.Inquiries.UniqueEmail("monthly")), month.AddDays(14));

        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        Assert.Equal(HttpStatusCode.Forbidden, (await consultant.PostAsync($"/api/v1/reports/monthly-mail?month={key}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsync($"/api/v1/reports/monthly-mail?month={today:yyyy-MM}", null)).StatusCode);

        // Two at once (the race the unique Message-ID settles), then once more.
        var first = await Task.WhenAll(
            manager.PostAsync($"/api/v1/reports/monthly-mail?month={key}", null),
            manager.PostAsync($"/api/v1/reports/monthly-mail?month={key}", null));
        var statuses = new[] { await StatusOfAsync(first[0]), await StatusOfAsync(first[1]) }.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["already-sent", "queued"], statuses);
        Assert.Equal("already-sent", await StatusOfAsync(await manager.PostAsync($"/api/v1/reports/monthly-mail?month={key}", null)));

        var subject = $"【ConsultDesk】月次レポート（{month.Year}年{month.Month}月）";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        IReadOnlyList<MimeMessage> delivered;
        while ((delivered = SmtpSink.MessagesTo([managerEmail]).Where(m => m.Subject == subject).ToList()).Count == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        await Task.Delay(1500); // a second delivery, if there were one, would follow at once
        var message = Assert.Single(SmtpSink.MessagesTo([managerEmail]), m => m.Subject == subject);
        Assert.StartsWith($"monthly-report.{key}.", message.MessageId, StringComparison.Ordinal);

        // Three opened in the month, none the month before; none resolved; all three still open at its end.
        var body = message.TextBody;
        Assert.Contains("受付件数：3件（0件）", body, StringComparison.Ordinal);
        Assert.Contains("解決件数：0件（0件）", body, StringComparison.Ordinal);
        Assert.Contains("月末の未完了件数：3件（0件）", body, StringComparison.Ordinal);
        Assert.Contains("個別相談への移行率（対受付）：0.0%（—）", body, StringComparison.Ordinal);

        var files = message.Attachments.OfType<MimePart>().ToDictionary(p => p.FileName!, p =>
        {
            using var content = new MemoryStream();
            p.Content!.DecodeTo(content);
            return content.ToArray();
        });
        Assert.Equal(
            new[] { "caseload", "flow", "speed", "funnel", "geography" }.Select(n => $"consultdesk-{n}-{key}.csv"),
            files.Keys);
        Assert.All(files.Values, bytes => Assert.Equal(Bom, bytes[..3]));
        var text = files.ToDictionary(f => f.Key, f => Encoding.UTF8.GetString(f.Value[3..]));
        var last = month.AddMonths(1).AddDays(-1);
        Assert.StartsWith("都道府県コード,都道府県,合計,", text[$"consultdesk-geography-{key}.csv"], StringComparison.Ordinal);
        Assert.Contains("\r\n01,北海道,1,1,0,0,0\r\n", text[$"consultdesk-geography-{key}.csv"], StringComparison.Ordinal);
        Assert.Contains("\r\n13,東京都,1,0,1,0,0\r\n", text[$"consultdesk-geography-{key}.csv"], StringComparison.Ordinal);
        Assert.Contains($"\r\n{month:yyyy-MM-dd},{last:yyyy-MM-dd},3,0,0,3\r\n", text[$"consultdesk-flow-{key}.csv"], StringComparison.Ordinal);
        Assert.StartsWith("期間開始,期間終了,受付,解決,終了,未完了（期末）", text[$"consultdesk-flow-{key}.csv"], StringComparison.Ordinal);
        Assert.StartsWith("担当者,", text[$"consultdesk-caseload-{key}.csv"], StringComparison.Ordinal);
        Assert.StartsWith("区分,名前,", text[$"consultdesk-speed-{key}.csv"], StringComparison.Ordinal);
        Assert.StartsWith("相談者区分,受付,", text[$"consultdesk-funnel-{key}.csv"], StringComparison.Ordinal);

        var rows = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Kind == "monthly-report" && m.ToAddress == managerEmail).ToListAsync());
        Assert.True(Assert.Single(rows).HasAttachments);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteMonthlyReportMailTests(SqliteApp app) : MonthlyReportMailTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresMonthlyReportMailTests(PostgresApp app) : MonthlyReportMailTests(app);
