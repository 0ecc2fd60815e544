using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Users;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>
/// The award pages no other layout test opens: the admins' judge assignments, a judge's queue and scoring page with these checks, the declarant's award
/// overview and the public index of published rounds, at 390 and 1440 px with the checks of
/// <see cref="StaffLayoutBrowserTests"/> (no sideways scroll, inputs as wide as their values, labels over values).
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class AwardOtherPagesBrowserTests(SqliteApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task The_assignments_the_judges_queue_the_declarants_overview_and_the_public_index_fit_a_phone_and_a_desktop()
    {
        var judging = await Awards.SeedRoundAsync(app, AwardPhase.Judging);
        var open = await Awards.SeedRoundAsync(app, AwardPhase.EntryOpen);
        await Awards.SeedRoundAsync(app, AwardPhase.Published);
        var declarant = await Infrastructure.Declarations.SeedAsync(app);
        var entry = await Awards.SeedEntryAsync(app, judging, declarant.Id, "レイアウト確認審査株式会社", "011002",
            title: "サテライトオフィスを拠点とした地域課題解決と地元人材の採用・育成を両立する長い名前の取組");
        await Awards.SeedEntryAsync(app, open, declarant.Id, "レイアウト確認審査株式会社", "012025", submitted: false);
        var email = $"judge-pages-{Guid.NewGuid():N}@consultdesk.test";
        const string password = "Judge-Pages-2026";
        Guid judgeId;
        using (var admin = await Staff.AdminAsync(app))
        {
            var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "審査 ページ確認", password, roles = new[] { Roles.Judge } });
            created.EnsureSuccessStatusCode();
            judgeId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        var assignment = await Awards.AssignAsync(app, judging, entry, judgeId, declareNoConflict: true);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var problems = new List<string>();
        async Task CheckAsync(IPage page, string name, string path)
        {
            foreach (var width in StaffLayoutBrowserTests.Widths)
            {
                await page.SetViewportSizeAsync(width, width > 600 ? 900 : 844);
                var response = await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
                Assert.True(response?.Ok, $"{name} answered {response?.Status}");
                var shot = Screenshots.PathFor($"{name}-{width}.png");
                await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
                output.WriteLineSafe($"screenshot: {shot}");
                problems.AddRange((await page.EvaluateAsync<string[]>(StaffLayoutBrowserTests.LayoutCheck, width)).Select(p => $"{name} at {width}px: {p}"));
            }
        }

        var adminPage = await SignInAsync(browser, ConsultDeskAppFactory.AdminEmail, ConsultDeskAppFactory.AdminPassword);
        await CheckAsync(adminPage, "award-assignments", $"/desk/award/{judging.Id}/judging");
        var judgePage = await SignInAsync(browser, email, password);
        await CheckAsync(judgePage, "award-judge-queue", "/desk/judging");
        await CheckAsync(judgePage, "award-judge-scoring", $"/desk/judging/{assignment}");
        var reader = await browser.OpenPageAsync(new() { Locale = "ja-JP" });
        await CheckAsync(reader, "award-declarant-overview", $"/sengen/manage/{declarant.ManageToken}/award");
        await CheckAsync(reader, "award-public-index", "/award");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private async Task<IPage> SignInAsync(IBrowser browser, string email, string password)
    {
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP" });
        await page.GotoAsync(new Uri(app.BaseAddress, "/signin").ToString());
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        return page;
    }
}
