using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>The queue in Chromium at a desktop and a phone width: it fits, the results show on the first screen, and a bulk action asks once.</summary>
[Collection(SqliteCollection.Name)]
public sealed class QueueBrowserTests(SqliteApp app)
{
    private static string Screenshot(string name) => Screenshots.PathFor(name);

    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var (scrollWidth, clientWidth) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
        Assert.True(scrollWidth <= clientWidth, $"{what}: the page scrolls sideways ({scrollWidth} > {clientWidth})");
    }

    [Theory]
    [InlineData(1440, 900, "select-all")]
    [InlineData(390, 844, "rows")]
    public async Task The_queue_fits_shows_results_on_the_first_screen_and_closes_the_selection_as_spam_after_one_confirmation(int width, int height, string selection)
    {
        var marker = "一覧" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var anonymous = app.CreateClient();
        var references = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var body = Infrastructure.Inquiries.Company(Infrastructure.Inquiries.UniqueEmail("queue"));
            body["subject"] = $"迷惑な宣伝メール {marker}";
            references.Add((await (await Infrastructure.Inquiries.PostAsync(anonymous, body)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!);
        }
        var email = $"queue-{Guid.NewGuid():N}@consultdesk.test";
        using (var admin = await Staff.AdminAsync(app))
            (await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "管理者 四郎", password = "Browser-Pass-2026", roles = new[] { "manager" } })).EnsureSuccessStatusCode();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = width, Height = height } });
        await page.GotoAsync(new Uri(app.BaseAddress, "/desk").ToString());
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync("Browser-Pass-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "案件キュー" })).ToBeVisibleAsync();

        // The whole open queue, filters folded away: the first result is on the first screen.
        await AssertFitsAsync(page, $"queue at {width}");
        var firstRow = page.Locator("table.queue tbody tr").First;
        var box = await firstRow.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box!.Y + Math.Min(box.Height, 40) <= height, $"the first result starts at {box.Y} px, below the {height} px screen");
        await Assertions.Expect(page.Locator("select[name=due]")).Not.ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot($"queue-{width}.png") });

        await page.GetByRole(AriaRole.Searchbox).FillAsync(marker);
        await page.GetByRole(AriaRole.Button, new() { Name = "絞り込む" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^3件") })).ToBeVisibleAsync();
        var search = await page.GetByRole(AriaRole.Searchbox).BoundingBoxAsync();
        Assert.True(search!.Width >= 150, $"the search box is {search.Width} px wide");
        await AssertFitsAsync(page, $"filtered queue at {width}");

        if (selection == "select-all")
            await page.GetByLabel("このページの3件をすべて選択").CheckAsync();
        else
            foreach (var reference in references) await page.GetByLabel($"{reference} を選択").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "選択した案件をスパムとして閉じる…" }).ClickAsync();

        await Assertions.Expect(page.GetByText("次の3件をスパムとして閉じます")).ToBeVisibleAsync();
        foreach (var reference in references) await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = reference })).ToBeVisibleAsync();
        await AssertFitsAsync(page, $"confirmation at {width}");
        await page.ScreenshotAsync(new() { Path = Screenshot($"queue-bulk-confirm-{width}.png") });
        await page.GetByLabel("理由・メモ（任意、各案件の履歴に残ります）").FillAsync("同じ宣伝の一斉送信");
        await page.GetByRole(AriaRole.Button, new() { Name = "3件をスパムとして閉じる" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("3件を処理しました。0件は処理しませんでした。");
        await page.ScreenshotAsync(new() { Path = Screenshot($"queue-bulk-done-{width}.png") });
        await page.GetByRole(AriaRole.Link, new() { Name = references[0] }).ClickAsync();
        await Assertions.Expect(page.GetByText("同じ宣伝の一斉送信").First).ToBeVisibleAsync();
    }
}
