using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Users;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>
/// The judge's assignment page in Chromium at a phone (390 px) and a desktop (1440 px) width, first the conflict of
/// interest form, then the entry and the score form: no sideways scroll, every score and confidence select shows its
/// choice whole, the note and comment boxes span the column.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class AwardJudgingBrowserTests(SqliteApp app, ITestOutputHelper output)
{
    private const string LayoutCheck = """
        () => {
            const problems = [];
            const root = document.documentElement;
            if (root.scrollWidth > root.clientWidth) problems.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
            const ctx = document.createElement('canvas').getContext('2d');
            for (const el of document.querySelectorAll('main select[name], main input[name]:not([type=hidden]):not([type=radio]):not([type=checkbox]), main textarea[name]')) {
                const cs = getComputedStyle(el);
                ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
                const text = el.tagName === 'SELECT' ? (el.selectedOptions[0]?.text ?? '') : (el.value || 'あいうえおかきくけこ');
                const needed = Math.ceil(Math.min(ctx.measureText(text).width, 10 * parseFloat(cs.fontSize)) + parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight) + (el.tagName === 'SELECT' ? 24 : 0));
                if (el.clientWidth < needed) problems.push(`${el.name} is ${el.clientWidth}px wide, needs ${needed}px`);
                if (el.getBoundingClientRect().right > root.clientWidth + 1) problems.push(`${el.name} sticks out of the page`);
            }
            return problems;
        }
        """;

    [Fact]
    public async Task The_judging_page_fits_a_phone_and_a_desktop_before_and_after_the_declaration()
    {
        var round = await Awards.SeedRoundAsync(app, AwardPhase.Judging);
        var declaration = await Infrastructure.Declarations.SeedAsync(app);
        var entry = await Awards.SeedEntryAsync(app, round, declaration.Id, "レイアウト確認審査株式会社", "011002",
            title: "サテライトオフィスを拠点とした地域課題解決と地元人材の採用・育成を両立する長い名前の取組");
        using var admin = await Staff.AdminAsync(app);
        var email = $"judge-layout-{Guid.NewGuid():N}@consultdesk.test";
        const string password = "Judge-Layout-2026";
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "審査 レイアウト", password, roles = new[] { Roles.Judge } });
        created.EnsureSuccessStatusCode();
        var judgeId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var assignment = await Awards.AssignAsync(app, round, entry, judgeId);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = 1440, Height = 900 } });
        await page.GotoAsync(new Uri(app.BaseAddress, "/signin").ToString());
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/desk/judging", StringComparison.Ordinal));

        var url = new Uri(app.BaseAddress, $"/desk/judging/{assignment}").ToString();
        var problems = new List<string>();
        foreach (var stage in new[] { "declare", "score" })
        {
            if (stage == "score")
            {
                await page.SetViewportSizeAsync(1440, 900);
                await page.GotoAsync(url);
                await page.GetByLabel("利益相反はありません").CheckAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "申告する" }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("利益相反なしと申告しました");
            }
            foreach (var width in new[] { 390, 1440 })
            {
                await page.SetViewportSizeAsync(width, width > 600 ? 900 : 844);
                var response = await page.GotoAsync(url);
                Assert.True(response?.Ok, $"{stage} answered {response?.Status}");
                var path = Screenshots.PathFor($"award-judging-{stage}-{width}.png");
                await page.ScreenshotAsync(new() { Path = path, FullPage = true });
                output.WriteLineSafe($"screenshot: {path}");
                problems.AddRange((await page.EvaluateAsync<string[]>(LayoutCheck)).Select(p => $"{stage} at {width}px: {p}"));
            }
        }
        // The score form is there and works without JavaScript-only controls.
        await page.GetByLabel("評点").First.SelectOptionAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "評価を保存" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("評価を保存しました。");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
