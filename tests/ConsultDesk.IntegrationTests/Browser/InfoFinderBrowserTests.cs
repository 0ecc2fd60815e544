using System.Text.RegularExpressions;
using ConsultDesk.Domain.Info;
using ConsultDesk.IntegrationTests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>A reader narrows the policy finder by two facets in Chromium and opens an item; the portal's pages fit a phone and a desktop and pass axe.</summary>
[Collection(SqliteCollection.Name)]
public sealed class InfoFinderBrowserTests(SqliteApp app)
{
    [Fact]
    public async Task A_reader_narrows_the_policy_finder_by_two_facets_and_opens_an_item_on_pages_that_fit_and_pass_axe()
    {
        var word = InfoSeed.UniqueWord();
        var wanted = InfoSeed.UniqueSlug("browser");
        await InfoSeed.SeedAsync(app, InfoKind.Policy, InfoSeed.Policy($"ブラウザ施策 {word}", "security", "mic", ["municipality"]), slug: wanted);
        await InfoSeed.SeedAsync(app, InfoKind.Policy, InfoSeed.Policy($"別の施策 {word}", "security", "mic", ["company"]));
        await InfoSeed.SeedAsync(app, InfoKind.Policy, InfoSeed.Policy($"三つ目の施策 {word}", "seminar", "mic", ["municipality"]));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = 1440, Height = 900 } });
        var violations = new List<string>();

        // The portal home: search the policies for the word.
        await page.GotoAsync(new Uri(app.BaseAddress, "/info").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("情報提供");
        await AxeAsync(page, violations);
        await page.GetByLabel("キーワード").FillAsync(word);
        await page.GetByLabel("探す情報").SelectOptionAsync(new SelectOptionValue { Label = "施策" });
        await page.GetByRole(AriaRole.Button, new() { Name = "検索" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("施策");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("3件が見つかりました");

        // Two facets, each box labelled with its count.
        await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex(@"^セキュリティ・ICT \(2\)$") }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex(@"^自治体 \(2\)$") }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "絞り込む" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("category=security.*party=municipality"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1件が見つかりました");
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex(@"^セキュリティ・ICT \(1\)$") })).ToBeCheckedAsync();
        await FitsAsync(page);
        await AxeAsync(page, violations);

        await page.GetByRole(AriaRole.Link, new() { Name = $"ブラウザ施策 {word}" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/info/policy/{wanted}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"ブラウザ施策 {word}");
        await Assertions.Expect(page.GetByText("2026-12-01").First).ToBeVisibleAsync();
        await FitsAsync(page);
        await AxeAsync(page, violations);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>No sideways scroll at a phone's and a desktop's width.</summary>
    private static async Task FitsAsync(IPage page)
    {
        foreach (var width in new[] { 390, 1440 })
        {
            await page.SetViewportSizeAsync(width, 900);
            var fits = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");
            Assert.True(fits, $"{page.Url} scrolls sideways at {width} px");
        }
    }

    private static async Task AxeAsync(IPage page, List<string> violations)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] } });
        violations.AddRange(result.Violations.Select(v => $"{page.Url}: {v.Id} {v.Help} ({string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))})"));
    }
}
