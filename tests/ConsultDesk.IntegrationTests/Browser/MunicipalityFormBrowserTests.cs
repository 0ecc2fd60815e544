using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>A person fills the 自治体向け form in Debian's Chromium and sees their reference number.</summary>
[Collection(SqliteCollection.Name)]
public sealed class MunicipalityFormBrowserTests(SqliteApp app)
{
    [Fact]
    public async Task A_municipality_officer_submits_the_form_and_sees_the_reference()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = 390, Height = 844 } });
        var email = Infrastructure.Inquiries.UniqueEmail("browser");

        await page.GotoAsync(new Uri(app.BaseAddress, "/").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "自治体向け" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "自治体向けお問い合わせ" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Combobox, new() { Name = "都道府県" }).SelectOptionAsync(new SelectOptionValue { Label = "島根県" });
        await page.GetByRole(AriaRole.Combobox, new() { Name = "市区町村 必須" }).SelectOptionAsync(new SelectOptionValue { Label = "松江市" });
        await page.GetByRole(AriaRole.Textbox, new() { Name = "部署名 任意", Exact = true }).FillAsync("政策企画課");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "姓 必須", Exact = true }).FillAsync("髙橋");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "名 必須", Exact = true }).FillAsync("一郎");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "セイ 必須", Exact = true }).FillAsync("たかはし");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "メイ 必須", Exact = true }).FillAsync("イチロウ");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "メールアドレス 必須", Exact = true }).FillAsync(email);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "メールアドレス（確認用） 必須", Exact = true }).FillAsync(email);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "サテライトオフィスの整備・誘致" }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "オンライン会議" }).CheckAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "件名 必須", Exact = true }).FillAsync("サテライトオフィス誘致のご相談");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "ご相談内容 必須", Exact = true }).FillAsync("空き校舎を活用したサテライトオフィスを検討しています。");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "上記の利用目的に同意します" }).CheckAsync();
        await page.WaitForTimeoutAsync(1100); // a person takes longer than the test host's minimum fill time
        await page.GetByRole(AriaRole.Button, new() { Name = "入力内容を確認する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "入力内容の確認" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "お問い合わせを受け付けました" })).ToBeVisibleAsync();
        var status = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var reference = System.Text.RegularExpressions.Regex.Match(status, @"CD-\d{4}-\d{6}").Value;
        Assert.NotEmpty(reference);

        var stored = await app.WithDbAsync(db => db.Cases.SingleAsync(c => c.Reference == reference));
        Assert.Equal("322016", stored.LocalGovernmentCode);
        Assert.Equal("32", stored.PrefectureCode);
        Assert.Equal("松江市", stored.OrganizationName);
        Assert.Equal("タカハシ", stored.FamilyNameKana);
    }
}
