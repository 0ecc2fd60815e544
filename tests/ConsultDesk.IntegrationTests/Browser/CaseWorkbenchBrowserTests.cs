using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>
/// Acceptance 4 on the case page in Chromium: a consultant proposes ニセコ町 by typing 「ニセコ」 and picking it, inserts a
/// canned reply, sees the whole mail in the preview with the salutation once, and sends it; the page fits 1440 and 390 px.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class CaseWorkbenchBrowserTests(SqliteApp app)
{
    private async Task<(string Reference, string Inquirer, string Email)> CompanyCaseAndConsultantAsync(string name)
    {
        var inquirer = Infrastructure.Inquiries.UniqueEmail("workbench");
        using var anonymous = app.CreateClient();
        var reference = (await (await Infrastructure.Inquiries.PostAsync(anonymous, Infrastructure.Inquiries.Company(inquirer))).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("reference").GetString()!;
        var email = $"ui-{Guid.NewGuid():N}@consultdesk.test";
        using (var admin = await Staff.AdminAsync(app))
            (await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = name, password = "Browser-Pass-2026", roles = new[] { "consultant" } })).EnsureSuccessStatusCode();
        return (reference, inquirer, email);
    }

    private async Task<IPage> SignedInAsync(IBrowser browser, string email, int width, int height)
    {
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = width, Height = height } });
        await page.GotoAsync(new Uri(app.BaseAddress, "/signin").ToString());
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync("Browser-Pass-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "案件キュー" })).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task A_consultant_proposes_Niseko_by_typing_its_reading_and_replies_with_a_canned_text_and_a_pdf_whose_preview_has_the_salutation_once()
    {
        var (reference, inquirer, email) = await CompanyCaseAndConsultantAsync("相談員 九郎");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var page = await SignedInAsync(browser, email, 1440, 900);

        // A canned reply of the consultant's own, with variables.
        await page.GotoAsync(new Uri(app.BaseAddress, "/desk/canned-replies").ToString());
        var name = "ご案内 " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("定型文の名前").First.FillAsync(name);
        await page.GetByLabel("本文").First.FillAsync("{{氏名}} 様\n\nお問い合わせ（{{受付番号}}）ありがとうございます。担当の{{担当者}}です。");
        await page.GetByRole(AriaRole.Button, new() { Name = "定型文を追加" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("定型文を保存しました。");

        await page.GotoAsync(new Uri(app.BaseAddress, $"/desk/cases/{reference}").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "担当する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("保存しました。");
        var status = page.Locator("details#status");
        await status.GetByLabel("変更先").SelectOptionAsync(new SelectOptionValue { Label = "振り分け済み" });
        await status.GetByRole(AriaRole.Button, new() { Name = "ステータスを変更" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("保存しました。");

        // Propose ニセコ町 by its reading, as you type.
        var matching = page.Locator("details#matching");
        await page.Locator("details#matching > summary").ClickAsync();
        await matching.GetByLabel("自治体名またはよみがなで検索").PressSequentiallyAsync("ニセコ", new() { Delay = 50 });
        var niseko = matching.GetByRole(AriaRole.Radio, new() { Name = "ニセコ町（北海道）" });
        await niseko.CheckAsync();
        await matching.GetByLabel("提案のメモ").FillAsync("冬のワーケーション");
        await matching.GetByRole(AriaRole.Button, new() { Name = "提案する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("紹介の提案を登録しました。");
        await Assertions.Expect(page.Locator("#matching")).ToContainTextAsync("ニセコ町");
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("ニセコ町 への紹介を提案しました。");

        // Insert the canned reply, see the whole mail, send it.
        var reply = page.Locator("details#reply");
        // A floor plan goes with it, chosen in the composer's file box before the canned text is inserted.
        var floorPlan = ConsultDesk.IntegrationTests.Attachments.Uploads.Pdf("間取り図");
        await reply.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "間取り図.pdf", MimeType = "application/pdf", Buffer = floorPlan });
        await reply.GetByLabel("定型文").SelectOptionAsync(new SelectOptionValue { Label = name });
        await reply.GetByRole(AriaRole.Button, new() { Name = "定型文を挿入" }).ClickAsync();
        await Assertions.Expect(reply.GetByLabel("本文")).ToHaveValueAsync($"髙橋 𠮷子 様\n\nお問い合わせ（{reference}）ありがとうございます。担当の相談員 九郎です。");
        Assert.Equal(1, await reply.Locator("input[type=file]").EvaluateAsync<int>("input => input.files.length")); // inserted in place: the file stays chosen
        var preview = page.Locator("#reply-preview");
        await Assertions.Expect(preview).ToBeVisibleAsync();
        await Assertions.Expect(preview).ToContainTextAsync($"（{reference}）");
        await Assertions.Expect(preview).ToContainTextAsync("地方創生テレワーク相談窓口　相談員 九郎");
        var shown = await preview.Locator("[data-preview=\"body\"]").InnerTextAsync();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(shown, "様"));
        Assert.StartsWith("株式会社サンプル\n髙橋 𠮷子 様\n\nお問い合わせ", shown, StringComparison.Ordinal);

        await reply.GetByRole(AriaRole.Button, new() { Name = "返信を送信" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("送信しました。");
        await Assertions.Expect(page.Locator(".timeline .entry-kind-outbound", new() { HasText = "間取り図.pdf" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".timeline .entry-kind-outbound")).ToContainTextAsync("送信メール");
        await Assertions.Expect(page.Locator(".first-response")).ToContainTextAsync("応答済み");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        IReadOnlyList<MimeKit.MimeMessage> mails;
        do
        {
            mails = SmtpSink.MessagesTo([inquirer]);
            if (mails.Any(m => m.InReplyTo is not null)) break;
            await Task.Delay(250);
        } while (DateTime.UtcNow < deadline);
        var sent = Assert.Single(mails, m => m.InReplyTo is not null);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(sent.TextBody ?? "", "様"));
        Assert.Contains(reference, sent.Subject, StringComparison.Ordinal);
        var part = Assert.Single(sent.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal(("間取り図.pdf", "application/pdf"), (part.FileName, part.ContentType.MimeType));
    }

    [Theory]
    [InlineData(1440, 900)]
    [InlineData(390, 844)]
    public async Task The_case_page_fits_the_screen_with_the_history_beside_or_before_the_actions(int width, int height)
    {
        var (reference, _, email) = await CompanyCaseAndConsultantAsync("相談員 十郎");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var page = await SignedInAsync(browser, email, width, height);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/desk/cases/{reference}").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "担当する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("保存しました。");
        await page.Locator("details#matching > summary").ClickAsync();
        await page.Locator("details#consultation > summary").ClickAsync();

        var fits = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");
        var timeline = await page.Locator(".timeline").BoundingBoxAsync();
        var actions = await page.Locator("#actions-title").BoundingBoxAsync();
        var narrow = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('main input[type=text], main input[type=search], main input[type=number], main input[type=datetime-local], main select, main textarea')]
            .filter(e => e.offsetParent !== null && e.getBoundingClientRect().width < 120).map(e => e.name || e.id)");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"case-workbench-{width}.png"), FullPage = true });

        Assert.True(fits, $"The case page scrolls sideways at {width} px.");
        Assert.Empty(narrow);
        Assert.NotNull(timeline);
        Assert.NotNull(actions);
        if (width >= 1200)
        {
            Assert.True(actions!.X > timeline!.X + timeline.Width - 1, "On a desktop the actions sit beside the history.");
            Assert.True(timeline.Y < 900, "The history starts on the first screen.");
        }
        else
        {
            Assert.True(timeline!.Y < actions!.Y, "On a phone the history comes before the actions.");
        }
    }
}
