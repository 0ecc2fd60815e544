using System.Net.Http.Json;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.IntegrationTests.Declarations;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.IntegrationTests.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>
/// The whole Action宣言 path in Chromium, as its people meet it: a company declares and confirms from the mail, a
/// consultant returns it, the company fixes and resubmits from the returned mail's link, the consultant accepts, and
/// the public list finds it by a partial Japanese word, its page hides the contact, and its certificate downloads.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class DeclarationJourneyBrowserTests(SqliteApp app)
{
    [Fact]
    public async Task A_company_declares_is_returned_resubmits_is_accepted_and_is_found_with_its_certificate()
    {
        var email = Infrastructure.Inquiries.UniqueEmail("sengen-journey");
        var name = $"旅路宣言株式会社{Guid.NewGuid().ToString("N")[..4]}";
        // A word made for this test, so the partial-word search can only find this declaration.
        var word = "雪嶺" + (char)('亜' + Random.Shared.Next(0, 2000)) + "郷実証";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var company = await browser.OpenPageAsync(new() { Locale = "ja-JP" });
        await DeclarationFormBrowserTests.DeclareAndConfirmAsync(app, company, name, email, "テレワーク規程を整備します。");
        var id = (await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.ContactEmail == email))).Id;

        // The consultant returns it with a reason.
        var staffEmail = $"journey-{Guid.NewGuid():N}@consultdesk.test";
        using (var admin = await Staff.AdminAsync(app))
            (await admin.PostAsJsonAsync("/api/v1/users",
                new { email = staffEmail, displayName = "審査 二郎", password = "Browser-Pass-2026", roles = new[] { "consultant" } })).EnsureSuccessStatusCode();
        var desk = await browser.OpenPageAsync(new() { Locale = "ja-JP" });
        await desk.GotoAsync(new Uri(app.BaseAddress, "/desk").ToString());
        await desk.GetByLabel("メールアドレス").FillAsync(staffEmail);
        await desk.GetByLabel("パスワード").FillAsync("Browser-Pass-2026");
        await desk.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await desk.GetByRole(AriaRole.Link, new() { Name = "宣言", Exact = true }).ClickAsync();
        await desk.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
        await desk.Locator("#reason-return").FillAsync("取組内容をもう少し具体的にご記入ください。");
        await desk.GetByRole(AriaRole.Button, new() { Name = "差し戻す" }).ClickAsync();
        await Assertions.Expect(desk.Locator(".flash[role=status]")).ToBeVisibleAsync();

        // The company opens the returned mail's link, reads the reason, fixes the commitment and resubmits.
        var returned = await PortalVisit.MailAsync(email, m => (m.Subject ?? "").Contains("修正のお願い", StringComparison.Ordinal));
        Assert.Contains("取組内容をもう少し具体的にご記入ください。", returned.TextBody, StringComparison.Ordinal);
        await company.GotoAsync(new Uri(app.BaseAddress, $"/sengen/manage/{DeclarationIntakeTests.TokenIn(returned)}").ToString());
        await Assertions.Expect(company.Locator("#sengen-return-reason")).ToHaveTextAsync("取組内容をもう少し具体的にご記入ください。");
        await company.Locator("details.sengen-edit > summary").ClickAsync();
        await company.Locator("#f-ItemText-1").FillAsync($"{word}プロジェクトとして、全社員が週2日テレワークできる規程を整備します。");
        await company.Locator("#sengen-resubmit").ClickAsync();
        await Assertions.Expect(company.GetByRole(AriaRole.Status)).ToHaveTextAsync("修正内容を送信しました。事務局で確認します。");

        // The consultant accepts the second version.
        await desk.ReloadAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "受理する" }).ClickAsync();
        await Assertions.Expect(desk.Locator(".flash[role=status]")).ToBeVisibleAsync();
        var accepted = await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == id));
        Assert.Equal(DeclarationStatus.Accepted, accepted.Status);
        Assert.Equal(2, accepted.AcceptedVersionNumber);
        var number = accepted.Number!.Value;
        var acceptance = await PortalVisit.MailAsync(email, m => (m.Subject ?? "").Contains("受理しました", StringComparison.Ordinal));
        Assert.Contains($"/sengen/{number}", acceptance.TextBody, StringComparison.Ordinal);

        // The public finds it by three characters from the middle of the new word.
        var reader = await browser.OpenPageAsync(new() { Locale = "ja-JP" });
        await reader.GotoAsync(new Uri(app.BaseAddress, "/sengen").ToString());
        await reader.Locator("#s-q").FillAsync(word.Substring(1, 3));
        await reader.GetByRole(AriaRole.Button, new() { Name = "検索" }).ClickAsync();
        await reader.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Assertions.Expect(reader.Locator("main")).ToContainTextAsync(Declaration.FormatNumber(number));
        await Assertions.Expect(reader.Locator("main")).ToContainTextAsync(word);
        var html = await reader.ContentAsync();
        Assert.DoesNotContain(email, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("03-1234-5678", html, StringComparison.Ordinal);
        Assert.DoesNotContain("0312345678", html, StringComparison.Ordinal);

        // The certificate link downloads a PDF carrying the number and the name.
        var href = await reader.Locator($"a[href='/sengen/{number}/certificate.pdf']").GetAttributeAsync("href");
        var certificate = await reader.Context.APIRequest.GetAsync(new Uri(app.BaseAddress, href!).ToString());
        Assert.Equal(200, certificate.Status);
        Assert.StartsWith("application/pdf", certificate.Headers["content-type"], StringComparison.Ordinal);
        using var pdf = PdfDocument.Open(await certificate.BodyAsync());
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.Contains(Declaration.FormatNumber(number), text, StringComparison.Ordinal);
        Assert.Contains(name, text, StringComparison.Ordinal);
    }
}
