using System.Net.Http.Json;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.IntegrationTests.Matching;
using ConsultDesk.IntegrationTests.Portal;
using Microsoft.Playwright;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>A match in Chromium: the consultant proposes and asks for consent, the company agrees in the portal, the consultant introduces.</summary>
[Collection(SqliteCollection.Name)]
public sealed class MatchingBrowserTests(SqliteApp app)
{
    [Fact]
    public async Task A_consultant_proposes_a_match_and_sends_the_introduction_after_the_company_consented()
    {
        var municipality = await MatchingSetup.AddMunicipalityAsync(app, "輪島テスト市");
        var visit = await PortalVisit.SubmitAsync(app, tag: "match-browser");
        var email = $"ui-{Guid.NewGuid():N}@consultdesk.test";
        using (var admin = await Staff.AdminAsync(app))
            (await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "相談員 四郎", password = "Browser-Pass-2026", roles = new[] { "consultant" } })).EnsureSuccessStatusCode();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var desk = await browser.OpenPageAsync(new() { Locale = "ja-JP" });
        await desk.GotoAsync(new Uri(app.BaseAddress, "/signin").ToString());
        await desk.GetByLabel("メールアドレス").FillAsync(email);
        await desk.GetByLabel("パスワード").FillAsync("Browser-Pass-2026");
        await desk.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Heading, new() { Name = "案件キュー" })).ToBeVisibleAsync();

        await desk.GotoAsync(new Uri(app.BaseAddress, $"/desk/cases/{visit.Reference}").ToString());
        await desk.GetByRole(AriaRole.Button, new() { Name = "担当する" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Status)).ToHaveTextAsync("保存しました。");

        await desk.Locator("details#matching > summary").ClickAsync();
        await desk.GetByLabel("自治体名またはよみがなで検索").PressSequentiallyAsync(municipality.Name[..4]);
        await desk.GetByRole(AriaRole.Radio, new() { Name = municipality.Name }).CheckAsync();
        await desk.GetByLabel("提案のメモ").FillAsync("石川県で 10 席");
        await desk.GetByRole(AriaRole.Button, new() { Name = "提案する" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Status)).ToHaveTextAsync("紹介の提案を登録しました。");
        await Assertions.Expect(desk.Locator("#matching")).ToContainTextAsync("輪島テスト市");
        await Assertions.Expect(desk.GetByRole(AriaRole.Button, new() { Name = "紹介メールを送る" })).ToHaveCountAsync(0);

        await desk.GetByRole(AriaRole.Checkbox, new() { Name = "電話番号" }).UncheckAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "同意を依頼する" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Status)).ToHaveTextAsync("同意の依頼を送信しました。");
        await Assertions.Expect(desk.Locator("#matching")).ToContainTextAsync("同意確認中");

        var consentMail = await PortalVisit.MailAsync(visit.Email, m => (m.Subject ?? "").Contains("同意のお願い", StringComparison.Ordinal));
        Assert.Contains("輪島テスト市", consentMail.TextBody, StringComparison.Ordinal);
        var company = await browser.OpenPageAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = 390, Height = 844 } });
        await company.GotoAsync(new Uri(app.BaseAddress, $"/portal/{PortalVisit.TokenIn(consentMail)}").ToString());
        var consent = company.GetByRole(AriaRole.Region, new() { Name = "自治体へのご紹介についての同意のお願い" });
        await Assertions.Expect(consent).ToContainTextAsync("輪島テスト市");
        await Assertions.Expect(consent).ToContainTextAsync("メールアドレス");
        await Assertions.Expect(consent).Not.ToContainTextAsync("電話番号");
        await consent.GetByRole(AriaRole.Button, new() { Name = "同意する" }).ClickAsync();
        await Assertions.Expect(company.GetByRole(AriaRole.Status)).ToHaveTextAsync("ご回答ありがとうございました。ご紹介の準備を進めます。");
        await Assertions.Expect(company.GetByRole(AriaRole.Button, new() { Name = "同意する" })).ToHaveCountAsync(0);

        await desk.ReloadAsync();
        await Assertions.Expect(desk.Locator("#matching")).ToContainTextAsync("同意済み");
        await desk.GetByRole(AriaRole.Button, new() { Name = "紹介メールを送る" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Status)).ToHaveTextAsync("紹介メールを送信しました。");
        await Assertions.Expect(desk.Locator("#matching")).ToContainTextAsync("紹介済み");
        await Assertions.Expect(desk.Locator(".timeline")).ToContainTextAsync("自治体へ紹介");

        var toMunicipality = await PortalVisit.MailAsync(municipality.ContactEmail, _ => true);
        var toCompany = await PortalVisit.MailAsync(visit.Email, m => (m.Subject ?? "").Contains("輪島テスト市 へのご紹介", StringComparison.Ordinal));
        Assert.Contains(visit.Email, toMunicipality.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("電話番号", toMunicipality.TextBody, StringComparison.Ordinal);
        Assert.Contains(municipality.ContactEmail, toCompany.TextBody, StringComparison.Ordinal);
    }
}
