using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>A consultant's whole path through the UI in Chromium: sign in, search in Japanese, claim, move, consult, reply.</summary>
[Collection(SqliteCollection.Name)]
public sealed class ConsultantPathBrowserTests(SqliteApp app)
{
    [Fact]
    public async Task A_consultant_finds_claims_moves_consults_and_replies_and_the_reply_is_threaded()
    {
        var marker = "ケース" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var inquirer = Infrastructure.Inquiries.UniqueEmail("path");
        using var anonymous = app.CreateClient();
        var body = Infrastructure.Inquiries.Company(inquirer);
        body["subject"] = $"テレワーク規程 {marker}";
        var reference = (await (await Infrastructure.Inquiries.PostAsync(anonymous, body)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        var email = $"ui-{Guid.NewGuid():N}@consultdesk.test";
        using (var admin = await Staff.AdminAsync(app))
            (await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "相談員 三郎", password = "Browser-Pass-2026", roles = new[] { "consultant" } })).EnsureSuccessStatusCode();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP" });

        await page.GotoAsync(new Uri(app.BaseAddress, "/desk").ToString());
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync("Browser-Pass-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "案件キュー" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Searchbox).FillAsync($"サンプル {marker}");
        await page.GetByRole(AriaRole.Button, new() { Name = "絞り込む" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(reference);

        await page.GetByRole(AriaRole.Button, new() { Name = "担当する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("保存しました。");

        var transition = page.Locator("details#status");
        await transition.GetByLabel("変更先").SelectOptionAsync(new SelectOptionValue { Label = "振り分け済み" });
        await transition.GetByRole(AriaRole.Button, new() { Name = "ステータスを変更" }).ClickAsync();
        await transition.GetByLabel("変更先").SelectOptionAsync(new SelectOptionValue { Label = "個別相談中" });
        await transition.GetByRole(AriaRole.Button, new() { Name = "ステータスを変更" }).ClickAsync();
        await Assertions.Expect(page.Locator(".facts").First).ToContainTextAsync("個別相談中");

        var consultation = page.Locator("details#consultation");
        await page.Locator("details#consultation > summary").ClickAsync();
        await consultation.GetByLabel("開始日時").FillAsync("2026-11-20T10:00");
        await consultation.GetByLabel("相談内容の記録").FillAsync("規程の論点を整理した");
        await consultation.GetByRole(AriaRole.Button, new() { Name = "個別相談を記録" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("保存しました。");
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("個別相談（電話・60分）：2026-11-20 10:00");

        var reply = page.Locator("details#reply");
        await Assertions.Expect(reply.GetByLabel("件名")).ToHaveValueAsync("Re: テレワーク規程 " + marker);
        await reply.GetByLabel("件名").FillAsync("規程の雛形のご案内");
        await reply.GetByLabel("本文").FillAsync("雛形をお送りします。");
        await reply.GetByRole(AriaRole.Button, new() { Name = "返信を送信" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("送信しました。");
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("規程の雛形のご案内");
        await Assertions.Expect(page.Locator(".first-response")).ToContainTextAsync("応答済み");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        IReadOnlyList<MimeKit.MimeMessage> mails;
        do
        {
            mails = SmtpSink.MessagesTo([inquirer]);
            if (mails.Any(m => (m.Subject ?? "").Contains("規程の雛形のご案内", StringComparison.Ordinal))) break;
            await Task.Delay(250);
        } while (DateTime.UtcNow < deadline);
        var acknowledgement = Assert.Single(mails, m => m.InReplyTo is null);
        // The consultation (dated in the past) also sends its thanks on the thread; the reply is the one with its subject.
        var answer = Assert.Single(mails, m => (m.Subject ?? "").Contains("規程の雛形のご案内", StringComparison.Ordinal));
        Assert.Equal(acknowledgement.MessageId, answer.InReplyTo);
        Assert.Contains(reference, answer.Subject, StringComparison.Ordinal);
        Assert.Contains("相談員 三郎", answer.TextBody ?? "", StringComparison.Ordinal);
    }
}
