using ConsultDesk.Domain.Declarations;
using ConsultDesk.IntegrationTests.Declarations;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.IntegrationTests.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>A company declares in Chromium: fills /sengen/new, reviews, sends, opens the mailed link and confirms.</summary>
[Collection(SqliteCollection.Name)]
public sealed class DeclarationFormBrowserTests(SqliteApp app)
{
    [Fact]
    public async Task A_company_fills_the_form_reviews_sends_and_confirms_from_the_mail()
    {
        var email = Infrastructure.Inquiries.UniqueEmail("sengen-browser");
        var name = $"ブラウザ宣言株式会社{Guid.NewGuid().ToString("N")[..4]}";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP" });

        await DeclareAndConfirmAsync(app, page, name, email, "全社員が週2日テレワークできる規程を整備します。");

        var stored = await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.ContactEmail == email));
        Assert.Equal(DeclarationStatus.InReview, stored.Status);
        Assert.Equal(name, stored.OrganizationName);
        Assert.Equal("ブラウザセンゲン", stored.OrganizationNameKana);
        Assert.Equal(120, stored.Employees);
    }

    /// <summary>
    /// Fills /sengen/new as a company would (postal lookup, full-width digits, item 【1】 with <paramref name="commitment"/>),
    /// reviews, sends, opens the mailed link and confirms; returns the link's token.
    /// </summary>
    internal static async Task<string> DeclareAndConfirmAsync(ConsultDeskAppFactory app, IPage page, string name, string email, string commitment)
    {
        await page.GotoAsync(new Uri(app.BaseAddress, "/sengen/new").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Action宣言の申込み");
        await Assertions.Expect(page.Locator("#public-legend")).ToContainTextAsync("[公開]");
        // Published fields carry the marker, private ones do not.
        await Assertions.Expect(page.Locator("label[for='f-OrganizationName'] .pub")).ToHaveTextAsync("[公開]");
        await Assertions.Expect(page.Locator("label[for='f-Email'] .pub")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".sengen-item", new() { HasText = "【4】" }).Locator(".sample")).ToHaveTextAsync("サンプル");

        await page.Locator("#f-OrganizationName").FillAsync(name);
        await page.Locator("#f-OrganizationNameKana").FillAsync("ぶらうざせんげん");
        await page.Locator("#f-CorporateNumber").FillAsync("7000012050002");
        await page.Locator("#f-Industry").SelectOptionAsync("G");
        await page.Locator("#f-Employees").FillAsync("１２０");
        // Seven digits fill 都道府県 and 市区町村 (postal-lookup.js).
        await page.Locator("#f-PostalCode").FillAsync("1000014");
        await Assertions.Expect(page.Locator("#f-LocalGovernmentCode")).ToHaveValueAsync("131016");
        await Assertions.Expect(page.Locator("#f-PrefectureCode")).ToHaveValueAsync("13");
        await page.Locator("#f-AddressStreet").FillAsync("永田町1-6-1");
        await page.Locator("#f-RepresentativeName").FillAsync("代表 太郎");
        await page.Locator("#f-RepresentativeTitle").FillAsync("代表取締役");
        await page.Locator("#f-FamilyName").FillAsync("担当");
        await page.Locator("#f-GivenName").FillAsync("花子");
        await page.Locator("#f-FamilyNameKana").FillAsync("タントウ");
        await page.Locator("#f-GivenNameKana").FillAsync("ハナコ");
        await page.Locator("#f-Email").FillAsync(email);
        await page.Locator("#f-EmailConfirmation").FillAsync(email);
        await page.Locator("#f-Phone").FillAsync("03-1234-5678");
        await page.Locator("input[name='Form.Items'][value='1']").CheckAsync();
        await page.Locator("#f-ItemText-1").FillAsync(commitment);
        foreach (var agreement in await page.Locator("input[name='Form.Agreements']").AllAsync()) await agreement.CheckAsync();
        await page.WaitForTimeoutAsync(1100); // the test host's minimum fill time

        await page.GetByRole(AriaRole.Button, new() { Name = "入力内容を確認する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "入力内容の確認" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".form-review")).ToContainTextAsync(name);
        await Assertions.Expect(page.Locator(".form-review")).ToContainTextAsync("千代田区");
        await Assertions.Expect(page.Locator(".form-review")).ToContainTextAsync("ブラウザセンゲン");
        await page.GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("お申込みを受け付けました");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("7日以内");

        var mail = await PortalVisit.MailAsync(email, m => (m.Subject ?? "").Contains("Action宣言", StringComparison.Ordinal));
        var token = DeclarationIntakeTests.TokenIn(mail);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/sengen/manage/{token}").ToString());
        await Assertions.Expect(page.Locator("#sengen-state")).ToHaveAttributeAsync("data-status", "unconfirmed");
        await page.GetByRole(AriaRole.Button, new() { Name = "宣言を確定する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("宣言を確定しました。事務局で内容を確認します。");
        await Assertions.Expect(page.Locator("#sengen-state")).ToHaveAttributeAsync("data-status", "in-review");

        return token;
    }
}
