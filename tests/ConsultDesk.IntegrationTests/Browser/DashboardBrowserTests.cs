using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.IntegrationTests.Reports;
using Microsoft.Playwright;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>A manager in Chromium reads the dashboard's charts and follows a count to the queue listing exactly those cases.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests(DashboardApp app)
{
    private async Task<string> SubmitAsync(HttpClient client, JsonObject body)
    {
        var response = await Infrastructure.Inquiries.PostAsync(client, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
    }

    [Fact]
    public async Task A_manager_sees_the_charts_and_a_prefecture_tile_leads_to_exactly_its_cases()
    {
        using var anonymous = app.CreateClient();
        // Two in Nagano, one each in Okinawa and Hokkaido; nothing else in this app's database is in Nagano.
        var nagano = new List<string>();
        foreach (var subject in new[] { "長野の拠点探し", "長野の規程整備" })
        {
            var body = Infrastructure.Inquiries.Company();
            body["prefectureCode"] = "20";
            body["subject"] = subject;
            nagano.Add(await SubmitAsync(anonymous, body));
        }
        var okinawa = await SubmitAsync(anonymous, Infrastructure.Inquiries.Worker());
        var hokkaido = await SubmitAsync(anonymous, Infrastructure.Inquiries.Municipality());
        var email = await DashboardPageTests.NewStaffAsync(app, "manager", "管理者 四郎");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP" });

        await page.GotoAsync(new Uri(app.BaseAddress, "/desk").ToString());
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync("Staff-Password-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "分析", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "分析ダッシュボード", Level = 1 })).ToBeVisibleAsync();

        var map = page.GetByRole(AriaRole.Group, new() { Name = "都道府県別の受付件数" });
        await Assertions.Expect(map.GetByRole(AriaRole.Link)).ToHaveCountAsync(47);
        await Assertions.Expect(map.GetByRole(AriaRole.Link, new() { Name = "沖縄県: 1", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(map.GetByRole(AriaRole.Link, new() { Name = "北海道: 1", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(map.GetByRole(AriaRole.Link, new() { Name = "東京都: 0", Exact = true })).ToBeVisibleAsync();

        var funnel = page.GetByRole(AriaRole.Group, new() { Name = "受付からマッチング成立までのファネル" });
        await Assertions.Expect(funnel.Locator("rect")).ToHaveCountAsync(5);
        await Assertions.Expect(funnel.GetByRole(AriaRole.Link)).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex(@"^受付: \d+ \(100%\)$"));
        var flow = page.GetByRole(AriaRole.Img, new() { Name = "受付・解決・終了と未完了件数の推移" });
        await Assertions.Expect(flow.Locator("polyline")).ToHaveCountAsync(4);

        await map.GetByRole(AriaRole.Link, new() { Name = "長野県: 2", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "案件キュー" })).ToBeVisibleAsync();
        var rows = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row);
        await Assertions.Expect(rows).ToHaveCountAsync(3); // the header and the two cases
        foreach (var reference in nagano) await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = reference })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = okinawa })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = hokkaido })).ToHaveCountAsync(0);
        // The queue's own form keeps the drill-down's filters.
        await Assertions.Expect(page.GetByLabel("都道府県", new() { Exact = true })).ToHaveValueAsync("20");
        await Assertions.Expect(page.GetByLabel("受付日（から）")).Not.ToHaveValueAsync("");
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "クローズ" })).ToBeCheckedAsync();

        // Filtered to Nagano, the dashboard counts the two; its caseload bar (both new, unassigned) leads to them too.
        await page.GoBackAsync();
        await page.GetByLabel("都道府県", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "長野県" });
        await page.GetByRole(AriaRole.Button, new() { Name = "絞り込む" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "受付からマッチング成立までのファネル" }).GetByRole(AriaRole.Link))
            .ToHaveAccessibleNameAsync("受付: 2 (100%)");
        var caseload = page.GetByRole(AriaRole.Group, new() { Name = "担当者別の対応中案件" }).GetByRole(AriaRole.Link);
        await Assertions.Expect(caseload).ToHaveAccessibleNameAsync("未割当 新規: 2");
        await caseload.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "案件キュー" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        foreach (var reference in nagano) await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = reference })).ToBeVisibleAsync();
    }
}
