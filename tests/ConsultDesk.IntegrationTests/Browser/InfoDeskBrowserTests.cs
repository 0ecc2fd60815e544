using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>
/// Acceptance 4 in Chromium: a visitor ticking ICT・セキュリティ on the company form sees the security guideline at once,
/// and a consultant searches the portal from the case page and inserts the guideline's title and link into the reply
/// at the cursor (and, as a page without the script does, by a GET that appends it to the draft); both pages fit 390
/// and 1440 px with the lists shown.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class InfoDeskBrowserTests(SqliteApp app)
{
    private const string Guideline = "テレワークセキュリティガイドライン";

    private static Task<bool> FitsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");

    [Fact]
    public async Task A_visitor_sees_the_security_guideline_on_ticking_the_topic_and_a_consultant_inserts_it_into_a_reply()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();

        // The visitor: no post, the list follows the ticks.
        var visitor = await browser.OpenPageAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = 390, Height = 844 } });
        await visitor.GotoAsync(new Uri(app.BaseAddress, "/inquiries/company").ToString());
        var matches = visitor.Locator("#info-matches-list");
        await Assertions.Expect(matches).ToContainTextAsync("テーマを選ぶと");
        await Assertions.Expect(visitor.Locator("#show-policies")).ToBeHiddenAsync(); // the script replaces the button
        await visitor.GetByLabel("ICT・セキュリティ").CheckAsync();
        var link = matches.GetByRole(AriaRole.Link, new() { Name = Guideline, Exact = true });
        await Assertions.Expect(link).ToBeVisibleAsync();
        Assert.Equal("/info/guideline/telework-security-guideline", await link.GetAttributeAsync("href"));
        await Assertions.Expect(matches).ToContainTextAsync("ガイドライン");
        Assert.True(await FitsAsync(visitor), "inquiry form overflows at 390 px");
        await visitor.SetViewportSizeAsync(1440, 900);
        Assert.True(await FitsAsync(visitor), "inquiry form overflows at 1440 px");
        await visitor.GetByLabel("ICT・セキュリティ").UncheckAsync();
        await Assertions.Expect(matches).ToContainTextAsync("テーマを選ぶと");

        // The consultant: a case of their own, a draft, the portal search and 挿入 at the cursor.
        using var anonymous = app.CreateClient();
        var reference = (await (await Infrastructure.Inquiries.PostAsync(anonymous, Infrastructure.Inquiries.Company(Infrastructure.Inquiries.UniqueEmail("info-desk"))))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        var email = $"ui-{Guid.NewGuid():N}@consultdesk.test";
        using (var admin = await Staff.AdminAsync(app))
            (await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "相談員 情報", password = "Browser-Pass-2026", roles = new[] { "consultant" } })).EnsureSuccessStatusCode();
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = 1440, Height = 900 } });
        await page.GotoAsync(new Uri(app.BaseAddress, "/signin").ToString());
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync("Browser-Pass-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "案件キュー" })).ToBeVisibleAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, $"/desk/cases/{reference}").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "担当する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("保存しました。");
        // The case's topics are telework-rules and office-search: the related panel lists the company measure for them.
        await Assertions.Expect(page.Locator("#related-info li").First).ToBeVisibleAsync();

        var body = page.Locator("details#reply").GetByLabel("本文");
        await body.FillAsync("ご案内です。\n\nよろしくお願いします。");
        await body.EvaluateAsync("b => b.setSelectionRange(7, 7)"); // after 「ご案内です。\n」
        var search = page.Locator("#portal-search");
        await search.GetByLabel("キーワード").FillAsync("セキュリティガイド");
        await search.GetByRole(AriaRole.Button, new() { Name = "ポータルを検索" }).ClickAsync();
        var insert = search.GetByRole(AriaRole.Button, new() { Name = $"「{Guideline}」の題名とリンクを返信に挿入" });
        await insert.ClickAsync();
        var value = await body.InputValueAsync();
        Assert.Matches(@"^ご案内です。\n" + Guideline + @"\nhttps?://[^\s]+/info/guideline/telework-security-guideline\nよろしくお願いします。$", value);
        Assert.Equal(new Uri(app.BaseAddress, $"/desk/cases/{reference}").ToString(), page.Url); // in place, no navigation
        Assert.True(await FitsAsync(page), "case page overflows at 1440 px");

        // Without the script the same search is a GET, and 挿入 appends the text to the draft the page carried.
        var casePath = $"/desk/cases/{reference}?infoq={Uri.EscapeDataString("セキュリティガイド")}&draft={Uri.EscapeDataString("下書き")}";
        await page.GotoAsync(new Uri(app.BaseAddress, casePath).ToString());
        var id = await search.GetByRole(AriaRole.Button, new() { Name = $"「{Guideline}」の題名とリンクを返信に挿入" }).GetAttributeAsync("value");
        await page.GotoAsync(new Uri(app.BaseAddress, casePath + "&insert=" + id).ToString());
        Assert.Matches(@"^下書き\n\n" + Guideline + @"\nhttps?://[^\s]+/info/guideline/telework-security-guideline$", await body.InputValueAsync());
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await FitsAsync(page), "case page overflows at 390 px");
    }
}
