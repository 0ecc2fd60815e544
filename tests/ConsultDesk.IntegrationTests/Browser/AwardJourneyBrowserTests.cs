using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Award;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>
/// The whole award in Chromium, on the award app's fake clock: an admin sets up a round; when entries open an
/// accepted declarant enters from their link with a PDF; in the judging window the admin assigns a judge, who declares
/// no conflict (and, the round being blind, never sees the organisation's name) and scores; after judging the admin
/// decides the category with its 講評; the results page is 404 until the publication date and then shows the winner,
/// and the entrant is mailed the outcome.
/// </summary>
[Collection(AwardSqliteCollection.Name)]
public sealed class AwardJourneyBrowserTests(AwardSqliteApp app)
{
    private const string AdminPassword = ConsultDeskAppFactory.AdminPassword;

    [Fact]
    public async Task An_admin_sets_up_a_round_a_declarant_enters_a_judge_scores_the_admin_decides_and_the_public_sees_the_winner()
    {
        var year = Awards.UniqueYear();
        var organisation = $"旅路アワード株式会社{Guid.NewGuid().ToString("N")[..4]}";
        var title = $"雪国サテライトオフィスで地域の担い手を育てる取組{Guid.NewGuid().ToString("N")[..4]}";
        var review = "地域と企業の双方に効果が現れ、他地域への波及も期待できる取組として高く評価した。";
        var day = TimeSpan.FromDays(1);
        // datetime-local fields are typed to the minute.
        var opens = new DateTime(app.Now.Ticks - app.Now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc) + day;
        var windows = new AwardWindows(opens, opens + 3 * day, opens + 4 * day, opens + 6 * day, opens + 8 * day);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();

        // 1. The admin sets up a blind round with the default 部門 and criteria.
        var admin = await SignInAsync(browser, ConsultDeskAppFactory.AdminEmail, AdminPassword);
        await admin.GotoAsync(Url("/desk/award"));
        await admin.Locator("#award-year").FillAsync(year.ToString(CultureInfo.InvariantCulture));
        await admin.Locator("#award-title").FillAsync($"第{year}回 地方創生テレワークアワード");
        await admin.Locator("#award-entryOpensAt").FillAsync(Local(windows.EntryOpensAt));
        await admin.Locator("#award-entryClosesAt").FillAsync(Local(windows.EntryClosesAt));
        await admin.Locator("#award-judgingOpensAt").FillAsync(Local(windows.JudgingOpensAt));
        await admin.Locator("#award-judgingClosesAt").FillAsync(Local(windows.JudgingClosesAt));
        await admin.Locator("#award-publishAt").FillAsync(Local(windows.PublishAt));
        await admin.Locator("#award-mode").SelectOptionAsync("blind");
        await admin.Locator("#award-round-create").ClickAsync();
        await admin.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/desk/award/[0-9a-f-]{36}$"));
        var round = await app.WithDbAsync(db => db.AwardRounds.AsNoTracking().Include(r => r.Categories).SingleAsync(r => r.Year == year));
        Assert.Equal(windows.EntryOpensAt, round.EntryOpensAt);
        Assert.Equal(JudgingMode.Blind, round.Mode);
        var category = round.Categories.Single(c => c.Code == "regional-projects");

        // 2. Entries open: the declarant enters from their link with a partner municipality and a PDF, and submits.
        app.Clock.SetUtcNow(windows.EntryOpensAt + TimeSpan.FromHours(1));
        var declarant = await Infrastructure.Declarations.SeedAsync(app, content: Infrastructure.Declarations.Content(organisation), nowUtc: app.Now);
        var entrant = await browser.OpenPageAsync(new() { Locale = "ja-JP" });
        await entrant.GotoAsync(Url($"/sengen/manage/{declarant.ManageToken}"));
        await entrant.Locator("#sengen-award-link").ClickAsync();
        await entrant.Locator($"#award-new-{year}").ClickAsync();
        await entrant.Locator("#f-Category-regional-projects").CheckAsync();
        await entrant.Locator("#f-PartnerMunicipalityCode").SelectOptionAsync("011002");
        await entrant.Locator("#f-Title").FillAsync(title);
        await entrant.Locator("#f-PeriodStart").FillAsync("2025-04-01");
        foreach (var code in new[] { "impact", "spread", "public-private", "growth" })
            await entrant.Locator($"#f-Answers-{code}").FillAsync($"{code}: 社員12名がサテライトオフィスで地域企業と協働しています。");
        await entrant.Locator("#f-Outcomes").FillAsync("移住者12名、地元採用6名、離職率 12% → 4%。");
        await entrant.Locator("#award-save").ClickAsync();
        await Assertions.Expect(entrant.Locator("#award-status")).ToHaveAttributeAsync("data-status", "draft");
        await entrant.Locator("#f-Attachments").SetInputFilesAsync(new FilePayload
        {
            Name = $"{organisation}_取組概要.pdf",
            MimeType = "application/pdf",
            Buffer = Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {Guid.NewGuid():N}\n%%EOF\n"),
        });
        await entrant.Locator("#award-upload").ClickAsync();
        await Assertions.Expect(entrant.Locator(".award-attachment-list")).ToContainTextAsync("取組概要.pdf");
        await entrant.Locator("#award-submit").ClickAsync();
        await Assertions.Expect(entrant.Locator("#award-status")).ToHaveAttributeAsync("data-status", "submitted");
        var entry = await app.WithDbAsync(db => db.AwardEntries.AsNoTracking().SingleAsync(e => e.RoundId == round.Id));

        // 札幌市 entering the same initiative (naming the company's declaration) is refused with 409.
        var municipality = await Infrastructure.Declarations.SeedAsync(app, content: Infrastructure.Declarations.Content("札幌市", prefectureCode: "01",
            localGovernmentCode: "011002", industry: "S"), nowUtc: app.Now);
        using (var municipalityClient = app.CreateClient())
        {
            municipalityClient.DefaultRequestHeaders.Add("X-Declarant-Token", municipality.ManageToken);
            var again = await municipalityClient.PostAsJsonAsync("/api/v1/public/award/entries", new
            {
                roundId = round.Id, entrantKind = "municipality", category = category.Code, municipalityCode = "011002",
                partnerDeclarationNumber = declarant.Number, title = "同じ取組の自治体からの応募", periodStart = "2025-04-01",
            });
            Assert.Equal(System.Net.HttpStatusCode.Conflict, again.StatusCode);
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.AwardEntries.CountAsync(e => e.RoundId == round.Id)));

        // 3. Judging opens: the admin assigns a judge on the assignments page.
        app.Clock.SetUtcNow(windows.JudgingOpensAt + TimeSpan.FromHours(1));
        var judgeEmail = $"journey-judge-{Guid.NewGuid():N}@consultdesk.test";
        const string judgePassword = "Journey-Judge-2026";
        using (var api = await Staff.AdminAsync(app))
            (await api.PostAsJsonAsync("/api/v1/users", new { email = judgeEmail, displayName = "審査 三郎", password = judgePassword, roles = new[] { Roles.Judge } }))
                .EnsureSuccessStatusCode();
        admin = await SignInAsync(browser, ConsultDeskAppFactory.AdminEmail, AdminPassword);
        await admin.GotoAsync(Url($"/desk/award/{round.Id}/judging"));
        await admin.Locator("#entry-regional-projects").SelectOptionAsync(entry.Id.ToString());
        await admin.Locator("#judge-regional-projects").SelectOptionAsync(new SelectOptionValue { Label = "審査 三郎" });
        await admin.Locator("#assign-regional-projects").ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToBeVisibleAsync();
        Assert.Equal(1, await app.WithDbAsync(db => db.AwardAssignments.CountAsync(a => a.EntryId == entry.Id)));

        // 4. The judge sees only the title and category until declaring no conflict, never the organisation, then scores.
        var judge = await SignInAsync(browser, judgeEmail, judgePassword);
        await judge.WaitForURLAsync(url => url.EndsWith("/desk/judging", StringComparison.Ordinal));
        await judge.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        Assert.DoesNotContain("社員12名", await judge.ContentAsync(), StringComparison.Ordinal);
        await judge.Locator("#conflict-no").CheckAsync();
        await judge.Locator("#declare").ClickAsync();
        await Assertions.Expect(judge.GetByRole(AriaRole.Status)).ToContainTextAsync("利益相反なしと申告しました");
        var judgeView = await judge.ContentAsync();
        Assert.Contains("社員12名", judgeView, StringComparison.Ordinal);
        Assert.DoesNotContain(organisation, judgeView, StringComparison.Ordinal);
        Assert.DoesNotContain("札幌市", judgeView, StringComparison.Ordinal);
        foreach (var (code, score) in new[] { ("impact", "5"), ("spread", "4"), ("public-private", "4"), ("growth", "5") })
        {
            await judge.Locator($"#score-{code}").SelectOptionAsync(score);
            await judge.Locator($"#comment-{code}").FillAsync($"{code}の評価コメント");
        }
        await judge.Locator("#save-scores").ClickAsync();
        await Assertions.Expect(judge.GetByRole(AriaRole.Status)).ToContainTextAsync("評価を保存しました。");

        // 5. Judging closes: the ranking shows the weighted total (5+4+4+5)/4 = 4.5, and the admin decides with a 講評.
        app.Clock.SetUtcNow(windows.JudgingClosesAt + TimeSpan.FromHours(1));
        admin = await SignInAsync(browser, ConsultDeskAppFactory.AdminEmail, AdminPassword);
        await admin.GotoAsync(Url($"/desk/award/{round.Id}/results"));
        await Assertions.Expect(admin.Locator($"#entry-{entry.Id}")).ToContainTextAsync("4.5");
        await admin.Locator($"#winner-{entry.Id}").CheckAsync();
        await admin.Locator("#review-regional-projects").FillAsync(review);
        await admin.Locator("#decide-regional-projects").ClickAsync();
        await Assertions.Expect(admin.Locator("#current-decision-regional-projects")).ToContainTextAsync(review);

        // 6. The results page does not exist until the publication date, then shows the winner and the 講評.
        var reader = await browser.OpenPageAsync(new() { Locale = "ja-JP" });
        var early = await reader.GotoAsync(Url($"/award/{year}"));
        Assert.Equal(404, early!.Status);
        app.Clock.SetUtcNow(windows.PublishAt);
        var published = await reader.GotoAsync(Url($"/award/{year}"));
        Assert.Equal(200, published!.Status);
        await Assertions.Expect(reader.Locator("#award-regional-projects")).ToBeVisibleAsync();
        var results = reader.Locator("main");
        await Assertions.Expect(results).ToContainTextAsync(organisation);
        await Assertions.Expect(results).ToContainTextAsync(title);
        await Assertions.Expect(results).ToContainTextAsync("札幌市");
        await Assertions.Expect(results).ToContainTextAsync(review);

        // The entrant is mailed the outcome once.
        await app.SweepResultsAsync();
        var mails = await app.WithDbAsync(db => db.Outbox.AsNoTracking()
            .Where(o => o.ToAddress == declarant.ContactEmail && o.Kind == SendAwardResultMails.Kind).ToListAsync());
        Assert.Single(mails);
    }

    private string Url(string path) => new Uri(app.BaseAddress, path).ToString();

    /// <summary>The value a JST datetime-local field takes for an instant.</summary>
    private static string Local(DateTime utc) => JapanTime.FromUtc(utc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A fresh page signed in (the fake clock moves by days between steps, past any session's lifetime).</summary>
    private async Task<IPage> SignInAsync(IBrowser browser, string email, string password)
    {
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP" });
        await page.GotoAsync(Url("/signin"));
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/desk", StringComparison.Ordinal));
        return page;
    }
}
