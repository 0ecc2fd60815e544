using System.Net.Http.Json;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Users;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>
/// An editor in Chromium: signs in (lands on /desk/info), creates a case study, previews it, saves it and schedules it at
/// a JST time; after the fake clock passes that time and the sweep runs, the item is published. The pages fit 390 and 1440 px.
/// </summary>
[Collection(InfoEditSqliteCollection.Name)]
public sealed class InfoEditorBrowserTests(InfoEditSqliteApp app, ITestOutputHelper output)
{
    private static async Task AssertFitsAsync(IPage page, string name, ITestOutputHelper output, bool screenshot = false)
    {
        foreach (var width in new[] { 390, 1440 })
        {
            await page.SetViewportSizeAsync(width, 900);
            var (scroll, client) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
            if (screenshot)
            {
                var path = Screenshots.PathFor($"info-edit-{name}-{width}.png");
                await page.ScreenshotAsync(new() { Path = path, FullPage = true });
                output.WriteLineSafe($"screenshot: {path}");
            }
            Assert.True(scroll <= client, $"{name} at {width}px scrolls sideways ({scroll} > {client})");
        }
        await page.SetViewportSizeAsync(1440, 900);
    }

    [Fact]
    public async Task An_editor_creates_previews_and_schedules_a_case_study_that_the_sweep_publishes_at_its_time()
    {
        using var admin = await Staff.AdminAsync(app);
        var email = $"editor-browser-{Guid.NewGuid():N}@consultdesk.test";
        const string password = "Editor-Browser-2026";
        (await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "編集 ブラウザ", password, roles = new[] { Roles.Editor } })).EnsureSuccessStatusCode();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = 1440, Height = 900 } });
        await page.GotoAsync(new Uri(app.BaseAddress, "/signin").ToString());
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/desk/info", StringComparison.Ordinal));
        await AssertFitsAsync(page, "list", output);

        await page.GetByRole(AriaRole.Link, new() { Name = "取組事例を新規作成" }).ClickAsync();
        var slug = InfoSeed.UniqueSlug("browser-case");
        var word = InfoSeed.UniqueWord();
        await page.Locator("#info-slug").FillAsync(slug);
        await page.Locator("#info-title").FillAsync("ブラウザで作った事例 " + word);
        await page.Locator("#info-summary").FillAsync("町のサテライトオフィスに企業が入居した事例です。");
        await page.Locator("#info-body").FillAsync("## 取組の内容\n\n- 入居企業 3社\n- 地元採用 5名");
        await page.GetByLabel("自治体", new() { Exact = true }).CheckAsync();
        await page.Locator("#info-prefectures").SelectOptionAsync("36");
        await page.Locator("#info-preview-button").ClickAsync();
        await Assertions.Expect(page.Locator("#info-preview h2", new() { HasText = "取組の内容" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#info-preview li").First).ToHaveTextAsync("入居企業 3社");
        await AssertFitsAsync(page, "new-preview", output);

        await page.Locator("#info-save").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("下書きを作成しました");
        var at = JapanTime.FromUtc(app.Now.AddHours(3));
        await page.Locator("#info-publish-at").FillAsync(at.ToString("yyyy-MM-ddTHH:mm"));
        await page.Locator("#info-schedule").ClickAsync();
        await Assertions.Expect(page.Locator("#info-status-value")).ToContainTextAsync("公開予約");
        await AssertFitsAsync(page, "item", output, screenshot: true);
        var id = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1]);

        await app.SweepAsync();
        Assert.Equal(ConsultDesk.Domain.Info.InfoStatus.Scheduled, await app.WithDbAsync(db => Task.FromResult(db.InfoItems.Single(i => i.Id == id).Status)));
        app.Clock.Advance(TimeSpan.FromHours(3));
        await app.SweepAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#info-status-value")).ToContainTextAsync("公開中");
        await Assertions.Expect(page.Locator("#info-public-link")).ToHaveAttributeAsync("href", $"/info/case-study/{slug}");
        // The public page (/info/case-study/{slug}) is helper A's; where it exists, it shows the item.
        var publicPage = await page.GotoAsync(new Uri(app.BaseAddress, $"/info/case-study/{slug}").ToString());
        if (publicPage?.Status == 200) await Assertions.Expect(page.Locator("main")).ToContainTextAsync(word);

        await page.GotoAsync(new Uri(app.BaseAddress, $"/desk/info/{id}/revisions").ToString());
        await Assertions.Expect(page.Locator("table.info-revisions tbody tr")).ToHaveCountAsync(3);
        await AssertFitsAsync(page, "revisions", output);
    }
}
