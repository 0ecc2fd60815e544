using System.Net.Http.Json;
using ConsultDesk.Domain.Award;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>
/// The ranking and decisions page (/desk/award/{id}/results) and the public results (/award/{year}) at a phone
/// (390 px) and a desktop (1440 px): no sideways scroll, inputs wide enough, labels above their values, number
/// headers aligned with their numbers (the checks of <see cref="StaffLayoutBrowserTests"/>).
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class AwardResultsBrowserTests(SqliteApp app, ITestOutputHelper output)
{
    /// <summary>A published round: three scored entries (two tied), a 連携パートナー賞 entry, one category decided with a long 審査講評.</summary>
    private async Task<Awards.SeededRound> SeedAsync()
    {
        var round = await Awards.SeedRoundAsync(app, AwardPhase.Published);
        var declaration = await Infrastructure.Declarations.SeedAsync(app);
        var entries = new List<Guid>();
        foreach (var (name, code) in new[] { ("レイアウト確認サテライトオフィス活用推進株式会社", "012025"), ("ワーケーション受入れ推進合同会社", "011002"), ("テレワーク移住支援機構", "131016") })
            entries.Add(await Awards.SeedEntryAsync(app, round, declaration.Id, name, code,
                title: $"{name}による港町のサテライトオフィスを拠点とした地域課題解決プロジェクト"));
        var partnerDeclaration = await Infrastructure.Declarations.SeedAsync(app);
        var partner = AwardEntry.Create(round.Id, partnerDeclaration.Id, Awards.Content(round, AwardDefaults.PartnerCategoryCode, "函館市の企業受入れと移住者支援") with { OrganizationName = "函館市" },
            AwardInitiative.ForPartnerAward("012025"), round.Windows.EntryOpensAt.AddHours(1));
        partner.Submit(round.Windows.EntryOpensAt.AddHours(2));
        var values = new[] { new[] { 5, 4, 4, 3 }, new[] { 4, 4, 4, 4 }, new[] { 4, 4, 4, 4 } };
        await app.WithDbAsync(async db =>
        {
            db.AwardEntries.Add(partner);
            for (var i = 0; i < entries.Count; i++)
            {
                var assignment = AwardAssignment.Create(round.Id, entries[i], Guid.NewGuid(), Guid.Empty, round.Windows.EntryClosesAt);
                assignment.Declare(false, null, round.Windows.JudgingOpensAt);
                db.AwardAssignments.Add(assignment);
                var j = 0;
                foreach (var criterion in round.Criteria.Values)
                    db.AwardScores.Add(AwardScore.Create(assignment, criterion, values[i][j++], null, 2, round.Windows.JudgingOpensAt.AddHours(1)));
            }
            await db.SaveChangesAsync();
            return 0;
        });
        using var admin = await Staff.AdminAsync(app);
        (await admin.PostAsJsonAsync($"/api/v1/award/rounds/{round.Id}/decisions", new
        {
            categoryCode = "regional-projects",
            winnerEntryIds = new[] { entries[0] },
            review = string.Concat(Enumerable.Repeat("地域企業と移住者をつなぐ仕組みを自ら作り、離職率の低下という具体的な成果を上げた点を高く評価しました。", 6)),
        })).EnsureSuccessStatusCode();
        return round;
    }

    [Fact]
    public async Task The_results_pages_fit_a_phone_and_a_desktop()
    {
        var round = await SeedAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = 1440, Height = 900 } });
        await page.GotoAsync(new Uri(app.BaseAddress, "/signin").ToString());
        await page.GetByLabel("メールアドレス").FillAsync(ConsultDeskAppFactory.AdminEmail);
        await page.GetByLabel("パスワード").FillAsync(ConsultDeskAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));

        var problems = new List<string>();
        foreach (var (name, path) in new[] { ("award-results-desk", $"/desk/award/{round.Id}/results"), ("award-results-public", $"/award/{round.Year}") })
        {
            foreach (var width in StaffLayoutBrowserTests.Widths)
            {
                await page.SetViewportSizeAsync(width, width > 600 ? 900 : 844);
                var response = await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
                Assert.True(response?.Ok, $"{path} answered {response?.Status}");
                await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"{name}-{width}.png"), FullPage = true });
                var found = await page.EvaluateAsync<string[]>(StaffLayoutBrowserTests.LayoutCheck, width);
                problems.AddRange(found.Select(p => $"{path} at {width}px: {p}"));
            }
        }
        await page.GotoAsync(new Uri(app.BaseAddress, $"/desk/award/{round.Id}/results").ToString());
        await Assertions.Expect(page.GetByText("同順位").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("審査講評").First).ToBeVisibleAsync();
        output.WriteLineSafe($"checked round {round.Id}");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
