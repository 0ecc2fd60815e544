using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>
/// Acceptance 2 in Debian's Chromium, on a desktop and on a phone: a company form with a bad 従業員数 and three empty
/// required fields shows all four problems at once; corrected (with １２０ typed full-width), the postal code 100-0014
/// fills 東京都 千代田区 as it is typed, the 確認画面 shows the answers, and the thanks page links to the portal.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class InquiryFormBrowserTests(SqliteApp app)
{
    [Theory]
    [InlineData(1440, 900)]
    [InlineData(390, 844)]
    public async Task A_company_fills_the_form_reviews_it_and_gets_the_portal_link(int width, int height)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = width, Height = height } });
        // A realistic length: a phone-width input shows an address of this size whole.
        var email = $"c{Guid.NewGuid():N}"[..9] + "@example.jp";

        await page.GotoAsync(new Uri(app.BaseAddress, "/inquiries/company").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "企業向けお問い合わせ" })).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(page);

        // Everything but 企業名, 件名 and ご相談内容, and 従業員数 as letters.
        await TextBox(page, "従業員数 任意").FillAsync("abc");
        await TextBox(page, "郵便番号 必須").PressSequentiallyAsync("１００－００１４");
        await Assertions.Expect(TextBox(page, "市区町村 必須")).ToHaveValueAsync("千代田区");
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "都道府県 必須" })).ToHaveValueAsync("13");
        await Assertions.Expect(TextBox(page, "町域・番地 必須")).ToHaveValueAsync("永田町");
        await TextBox(page, "町域・番地 必須").FillAsync("永田町1-7-1");
        await TextBox(page, "姓 必須").FillAsync("山田");
        await TextBox(page, "名 必須").FillAsync("花子");
        await TextBox(page, "セイ 必須").FillAsync("やまだ");
        await TextBox(page, "メイ 必須").FillAsync("はなこ");
        await TextBox(page, "メールアドレス 必須").FillAsync(email);
        await TextBox(page, "メールアドレス（確認用） 必須").FillAsync(email);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "社内テレワーク規程・就業規則" }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "メール" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "上記の利用目的に同意します" }).CheckAsync();
        await page.WaitForTimeoutAsync(1100);
        await page.GetByRole(AriaRole.Button, new() { Name = "入力内容を確認する" }).ClickAsync();

        var summary = page.Locator("#error-summary li");
        await Assertions.Expect(summary).ToHaveCountAsync(4);
        await Assertions.Expect(summary.Nth(0)).ToHaveTextAsync("企業名を入力してください。");
        await Assertions.Expect(summary.Nth(1)).ToContainTextAsync("従業員数");
        await Assertions.Expect(summary.Nth(2)).ToContainTextAsync("件名");
        await Assertions.Expect(summary.Nth(3)).ToContainTextAsync("ご相談内容");
        await AssertNoHorizontalScrollAsync(page);

        await TextBox(page, "企業名 必須").FillAsync("株式会社サンプル");
        await TextBox(page, "従業員数 任意").FillAsync("１２０");
        await TextBox(page, "件名 必須").FillAsync("社内テレワーク規程の整備");
        await TextBox(page, "ご相談内容 必須").FillAsync("規程の雛形を探しています。");
        await page.WaitForTimeoutAsync(1100);
        await page.GetByRole(AriaRole.Button, new() { Name = "入力内容を確認する" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "入力内容の確認" })).ToBeVisibleAsync();
        var review = page.Locator(".form-review");
        await Assertions.Expect(review).ToContainTextAsync("120");
        await Assertions.Expect(review).ToContainTextAsync("東京都");
        await Assertions.Expect(review).ToContainTextAsync("千代田区");
        await Assertions.Expect(review).ToContainTextAsync("100-0014");
        await AssertNoHorizontalScrollAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"inquiry-review-{width}.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "お問い合わせを受け付けました" })).ToBeVisibleAsync();
        var reference = System.Text.RegularExpressions.Regex.Match(await page.GetByRole(AriaRole.Status).InnerTextAsync(), @"CD-\d{4}-\d{6}").Value;
        Assert.NotEmpty(reference);
        var portal = page.GetByRole(AriaRole.Link, new() { Name = "専用ページへのリンクを再送する" });
        Assert.Equal($"/portal/link?reference={reference}", await portal.GetAttributeAsync("href"));
        await AssertNoHorizontalScrollAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"inquiry-thanks-{width}.png"), FullPage = true });

        var stored = await app.WithDbAsync(db => db.Cases.SingleAsync(c => c.Reference == reference));
        Assert.Equal((120, "13", "1000014", "千代田区", "永田町1-7-1"), (stored.Employees, stored.PrefectureCode, stored.PostalCode, stored.AddressMunicipality, stored.AddressStreet));

        await portal.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "受付番号" })).ToHaveValueAsync(reference);
    }

    private static ILocator TextBox(IPage page, string name) => page.GetByRole(AriaRole.Textbox, new() { Name = name, Exact = true });

    private static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"page scrolls sideways: {widths[0]} > {widths[1]}");
        // Every text input shows what it holds.
        var narrow = await page.EvaluateAsync<string[]>(
            "() => Array.from(document.querySelectorAll('input[type=text],input[type=email],input[type=tel],select')).filter(e => e.offsetParent && e.scrollWidth > e.clientWidth + 1).map(e => e.id)");
        Assert.Empty(narrow);
    }
}
