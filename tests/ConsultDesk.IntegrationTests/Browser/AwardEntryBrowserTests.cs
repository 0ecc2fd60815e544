using ConsultDesk.Domain.Award;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>An accepted declarant enters an open award round from their link in Chromium, at phone and desktop widths.</summary>
[Collection(SqliteCollection.Name)]
public sealed class AwardEntryBrowserTests(SqliteApp app)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    /// <summary>Nothing scrolls sideways; selects and dates show their value whole, text boxes at least a few words.</summary>
    private const string LayoutCheck = """
        () => {
            const problems = [];
            const root = document.documentElement;
            if (root.scrollWidth > root.clientWidth) problems.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
            const ctx = document.createElement('canvas').getContext('2d');
            for (const el of document.querySelectorAll('main input[type=text], main input[type=date], main select, main textarea')) {
                const r = el.getBoundingClientRect();
                if (r.width < 2) continue;
                const cs = getComputedStyle(el);
                ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
                const text = el.tagName === 'SELECT' ? (el.selectedOptions[0]?.text ?? '') : el.value;
                const chrome = el.tagName === 'SELECT' || el.type === 'date' ? 24 : 0;
                const needed = Math.ceil(ctx.measureText(text).width + parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight) + chrome);
                const fits = el.tagName === 'SELECT' || el.type === 'date' ? needed : Math.min(needed, 6 * parseFloat(cs.fontSize));
                if (el.clientWidth < fits) problems.push(`${el.id} is ${el.clientWidth}px wide, its value needs ${fits}px`);
                if (r.right > root.clientWidth + 1) problems.push(`${el.id} sticks out of the page`);
            }
            return problems;
        }
        """;

    [Fact]
    public async Task A_declarant_enters_from_their_link_with_an_attachment_and_the_form_fits_at_390_and_1440()
    {
        var round = await Awards.SeedRoundAsync(app, AwardPhase.EntryOpen);
        var declarant = await Infrastructure.Declarations.SeedAsync(app);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP" });

        await page.GotoAsync(new Uri(app.BaseAddress, $"/sengen/manage/{declarant.ManageToken}").ToString());
        await page.Locator("#sengen-award-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("地方創生テレワークアワードへの応募");
        await page.Locator($"#award-new-{round.Year}").ClickAsync();
        // Prefilled from the declaration: an organisation, partner municipality = the declaration's 千代田区.
        await Assertions.Expect(page.Locator("#f-EntrantKind-organization")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#f-PartnerMunicipalityCode")).ToHaveValueAsync("131016");

        await page.Locator("#f-Category-regional-projects").CheckAsync();
        await page.Locator("#f-PartnerMunicipalityCode").SelectOptionAsync("012025");
        await page.Locator("#f-Title").FillAsync("サテライトオフィスを拠点とした地域課題解決プロジェクトへの参画");
        await page.Locator("#f-PeriodStart").FillAsync("2025-04-01");
        await page.Locator("#f-Answers-impact").FillAsync("移住者10名、地元採用5名。");
        foreach (var width in new[] { 390, 1440 })
        {
            await page.SetViewportSizeAsync(width, width > 600 ? 900 : 844);
            var problems = await page.EvaluateAsync<string[]>(LayoutCheck);
            Assert.True(problems.Length == 0, $"at {width}px: {string.Join("; ", problems)}");
        }
        await page.Locator("#award-save").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("下書きを保存しました。");
        await Assertions.Expect(page.Locator("#award-status")).ToHaveAttributeAsync("data-status", "draft");

        await page.Locator("#f-Attachments").SetInputFilesAsync(new FilePayload { Name = "取組の写真.png", MimeType = "image/png", Buffer = Png });
        await page.Locator("#award-upload").ClickAsync();
        await Assertions.Expect(page.Locator(".award-attachment-list")).ToContainTextAsync("取組の写真.png");

        // Submitting without every answer names the missing ones beside their fields.
        await page.Locator("#award-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#f-Answers-spread-error")).ToBeVisibleAsync();
        foreach (var code in new[] { "spread", "public-private", "growth" }) await page.Locator($"#f-Answers-{code}").FillAsync($"{code}の回答。");
        await page.Locator("#f-Outcomes").FillAsync("離職率 12% → 4%。");
        await page.Locator("#award-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#award-status")).ToHaveAttributeAsync("data-status", "submitted");
        foreach (var width in new[] { 390, 1440 })
        {
            await page.SetViewportSizeAsync(width, width > 600 ? 900 : 844);
            var problems = await page.EvaluateAsync<string[]>(LayoutCheck);
            Assert.True(problems.Length == 0, $"submitted, at {width}px: {string.Join("; ", problems)}");
        }

        var entry = await app.WithDbAsync(db => db.AwardEntries.AsNoTracking().SingleAsync(e => e.RoundId == round.Id));
        Assert.Equal(AwardEntryStatus.Submitted, entry.Status);
        Assert.Equal("012025", entry.PartnerMunicipalityCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AwardAttachments.CountAsync(a => a.EntryId == entry.Id)));

        // 取り下げ asks first.
        await page.Locator("#award-withdraw").ClickAsync();
        await page.Locator("#award-withdraw-confirm").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("応募を取り下げました。");
        Assert.Equal(AwardEntryStatus.Withdrawn, (await app.WithDbAsync(db => db.AwardEntries.AsNoTracking().SingleAsync(e => e.Id == entry.Id))).Status);
    }
}
