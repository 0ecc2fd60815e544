using ConsultDesk.Domain.Award;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>
/// The award's desk pages in Chromium at 1440 and 390 px, signed in as the admin (the longest staff menu): no sideways
/// scroll, inputs as wide as their values, labels above their values, and the staff menu on one line (the award is linked from the declarations page, not the menu).
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class AwardAdminBrowserTests(SqliteApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task The_award_rounds_editor_entries_and_entry_pages_fit_a_desktop_and_a_phone()
    {
        var setup = await Awards.SeedRoundAsync(app, AwardPhase.Setup);
        var judging = await Awards.SeedRoundAsync(app, AwardPhase.Judging);
        var declaration = await Infrastructure.Declarations.SeedAsync(app, nowUtc: DateTime.UtcNow.AddDays(-100));
        var entry = await Awards.SeedEntryAsync(app, judging, declaration.Id, "レイアウト確認サテライトオフィス活用推進株式会社",
            title: "サテライトオフィスを拠点とした地域課題解決プロジェクトと地元人材の採用・育成の取組");
        var (judge, judgeId) = await Awards.NewJudgeAsync(app, "審査 レイアウト");
        judge.Dispose();
        await Awards.AssignAsync(app, judging, entry, judgeId, declareNoConflict: true);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = 1440, Height = 900 } });
        await page.GotoAsync(new Uri(app.BaseAddress, "/signin").ToString());
        await page.GetByLabel("メールアドレス").FillAsync(ConsultDeskAppFactory.AdminEmail);
        await page.GetByLabel("パスワード").FillAsync(ConsultDeskAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));

        var problems = new List<string>();
        foreach (var (name, path) in new[]
        {
            ("award-rounds", "/desk/award"), ("award-round-editor", $"/desk/award/{setup.Id}"), ("award-round-locked", $"/desk/award/{judging.Id}"),
            ("award-entries", $"/desk/award/{judging.Id}/entries"), ("award-entry", $"/desk/award/entries/{entry}"),
        })
        {
            foreach (var width in StaffLayoutBrowserTests.Widths)
            {
                await page.SetViewportSizeAsync(width, width > 600 ? 900 : 844);
                var response = await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
                Assert.True(response?.Ok, $"{name} answered {response?.Status}");
                var shot = Screenshots.PathFor($"{name}-{width}.png");
                await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
                output.WriteLineSafe($"screenshot: {shot}");
                var found = await page.EvaluateAsync<string[]>(StaffLayoutBrowserTests.LayoutCheck, width);
                problems.AddRange(found.Select(p => $"{name} at {width}px: {p}"));
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // The editor adds a criterion row without JavaScript and keeps it.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/desk/award/{setup.Id}").ToString());
        await page.Locator("#award-add-criterion").ClickAsync();
        await Assertions.Expect(page.Locator("#crit-4-code")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#crit-4-weight")).ToHaveValueAsync("1");
        await page.Locator("#crit-4-code").FillAsync("locality");
        await page.Locator("#crit-4-nameJa").FillAsync("地域性");
        await page.Locator("#crit-4-nameEn").FillAsync("Locality");
        await page.Locator("#award-round-save").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("設定を保存しました。");
        await Assertions.Expect(page.Locator("#crit-4-code")).ToHaveValueAsync("locality");
    }
}
