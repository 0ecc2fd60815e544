using ConsultDesk.Domain;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.IntegrationTests.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>An inquirer's path through the portal in Chromium: open the link from the mail, reply, answer the survey, opt out.</summary>
[Collection(SqliteCollection.Name)]
public sealed class PortalBrowserTests(SqliteApp app)
{
    [Fact]
    public async Task An_inquirer_opens_the_mailed_link_replies_answers_the_survey_and_opts_out()
    {
        var visit = await PortalVisit.SubmitAsync(app, tag: "browser");
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        await PortalVisit.SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{visit.Reference}/claim");
        await PortalVisit.SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{visit.Reference}/transitions", new { to = "triaged" });

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        // A phone-sized window: the portal is mobile first.
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = 390, Height = 844 } });

        await page.GotoAsync(new Uri(app.BaseAddress, visit.Path).ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("ご相談状況");
        await Assertions.Expect(page.GetByText(visit.Reference)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("社内テレワーク規程の整備")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Textbox, new() { Name = "メッセージ", Exact = true }).FillAsync("追加の資料をお送りします。\n来週火曜日の午後が空いています。");
        await page.GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("メッセージを送信しました。担当者からのご連絡をお待ちください。");
        await Assertions.Expect(page.Locator("#messages")).ToContainTextAsync("来週火曜日の午後が空いています。");

        await PortalVisit.SendAsync(consultant, HttpMethod.Post, $"/api/v1/cases/{visit.Reference}/transitions", new { to = "resolved" });
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText("解決しました")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "満足度アンケートに回答する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("満足度アンケート");
        await page.GetByRole(AriaRole.Radio, new() { Name = "4", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "はい" }).CheckAsync();
        await page.GetByLabel("ご意見・ご感想").FillAsync("迅速に対応いただき助かりました。");
        await page.GetByRole(AriaRole.Button, new() { Name = "回答する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("ご回答ありがとうございました。");

        await page.GetByRole(AriaRole.Link, new() { Name = "ご相談状況へ戻る" }).ClickAsync();
        await Assertions.Expect(page.GetByText("アンケートへのご回答ありがとうございました。")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "お知らせメールを停止する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("お知らせメールを停止しました。");
        await Assertions.Expect(page.GetByText("お知らせメールは停止しています（重要なご連絡は引き続きお送りします）。")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "お知らせメールを停止する" })).ToHaveCountAsync(0);

        var stored = await app.WithDbAsync(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Reference == visit.Reference);
            var messages = await db.Timeline.Where(t => t.CaseId == c.Id && t.Type == "message").Select(t => t.Content).ToListAsync();
            var survey = await db.SurveyResponses.SingleAsync(s => s.CaseId == c.Id);
            var optOut = await db.MailOptOuts.SingleAsync(o => o.EmailNormalized == c.EmailNormalized);
            return (Messages: messages, Survey: survey, OptOut: optOut);
        });
        var message = Assert.Single(stored.Messages);
        Assert.Contains("\"via\":\"portal\"", message, StringComparison.Ordinal);
        Assert.Contains("来週火曜日の午後が空いています。", System.Text.Json.JsonDocument.Parse(message).RootElement.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, stored.Survey.Rating);
        Assert.True(stored.Survey.ProblemSolved);
        Assert.Equal("迅速に対応いただき助かりました。", stored.Survey.Comment);
        Assert.Equal(OptOutChannel.Portal, stored.OptOut.Channel);
    }
}
