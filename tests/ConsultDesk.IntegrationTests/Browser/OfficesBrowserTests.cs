using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.IntegrationTests.Matching;
using Microsoft.Playwright;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>A company looks for an office in the public directory in Chromium and asks the desk about one municipality.</summary>
[Collection(SqliteCollection.Name)]
public sealed class OfficesBrowserTests(SqliteApp app)
{
    [Fact]
    public async Task A_company_filters_the_directory_by_prefecture_opens_a_municipality_and_its_prefilled_inquiry()
    {
        var profile = await Profiles.AddAsync(app, "41", "ブラウザテスト市");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = 1024, Height = 900 } });

        await page.GotoAsync(new Uri(app.BaseAddress, "/").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "サテライトオフィスを探す" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("自治体のサテライトオフィス情報");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "都道府県" }).SelectOptionAsync(new SelectOptionValue { Label = "佐賀県" });
        await page.GetByRole(AriaRole.Button, new() { Name = "この条件で探す" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("prefecture=41"));

        await page.GetByRole(AriaRole.Link, new() { Name = "ブラウザテスト市" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("ブラウザテスト市");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ブラウザテスト市サテライトオフィス" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(profile.ContactEmail)).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "この自治体について相談窓口に問い合わせる" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("企業向けお問い合わせ");
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "件名 必須" })).ToHaveValueAsync("ブラウザテスト市へのサテライトオフィス進出について");
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "サテライトオフィス候補地探し", Exact = true })).ToBeCheckedAsync();
    }
}
