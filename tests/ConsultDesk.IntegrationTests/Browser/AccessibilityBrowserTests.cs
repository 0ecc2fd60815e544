using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Commons;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.Domain.Portal;
using Microsoft.EntityFrameworkCore;
using ConsultDesk.Web.Accessibility;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>
/// Acceptance 5 in Debian's Chromium: axe-core (wcag2a and wcag2aa rules only) finds no violation on any public page,
/// the result is written to src/ConsultDesk.Web/Accessibility/axe-results.json and /accessibility shows it; and the
/// inquiry form works with the keyboard alone, with visible focus and a working skip link.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class AccessibilityBrowserTests(SqliteApp app, ITestOutputHelper output)
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa"];

    /// <summary>The information portal's pages: its home, the four finders and one sample item of each kind.</summary>
    private static readonly (string Path, string Ja, string En)[] InfoPortalPages =
    [
        ("/info", "情報ポータル トップ", "Information portal home"),
        ("/info/policy", "施策一覧", "Policy finder"),
        ("/info/guideline", "ガイドライン・マニュアル一覧", "Guideline finder"),
        ("/info/case-study", "取組事例一覧", "Case study finder"),
        ("/info/news", "お知らせ一覧", "News list"),
        ("/info/policy/mic-telework-security", "施策（サンプル）", "A policy (sample)"),
        ("/info/guideline/telework-security-guideline", "ガイドライン（サンプル）", "A guideline (sample)"),
        ("/info/case-study/nasushiobara-satellite-office-sample", "取組事例（サンプル）", "A case study (sample)"),
        ("/info/news/portal-opened", "お知らせ（サンプル）", "A news item (sample)"),
    ];

    [Fact]
    public async Task Every_public_page_passes_axe_and_the_accessibility_page_shows_the_result()
    {
        var clock = Stopwatch.StartNew();
        var declaration = await Infrastructure.Declarations.SeedAsync(app);
        var portalPath = await PortalCaseAsync();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        await using var context = await browser.OpenContextAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = 1280, Height = 900 } });
        await context.AddInitScriptAsync(new BundledAxeScriptProvider().GetScript());
        var page = await context.NewPageAsync();
        // The form that is posted empty: opened first so its minimum fill time has passed when the other pages are done.
        var failedForm = await context.NewPageAsync();
        await failedForm.GotoAsync(Url("/inquiries/worker"));

        (string Path, string Ja, string En)[] pages =
        [
            ("/", "トップページ", "Home"),
            ("/?culture=en", "トップページ（英語）", "Home (English)"),
            ("/inquiries/municipality", "自治体向けお問い合わせフォーム", "Inquiry form for municipalities"),
            ("/inquiries/company", "企業向けお問い合わせフォーム", "Inquiry form for companies"),
            ("/inquiries/worker", "働き手向けお問い合わせフォーム", "Inquiry form for workers"),
            ("/inquiries/company?culture=en", "企業向けお問い合わせフォーム（英語）", "Inquiry form for companies (English)"),
            ("/privacy", "個人情報の取扱い", "Privacy policy"),
            ("/sengen", "Action宣言 一覧", "Action declarations"),
            ("/sengen/new", "Action宣言 申込フォーム", "Action declaration form"),
            ("/sengen/link", "Action宣言 管理用リンクの再送", "Action declaration: resend the link"),
            ($"/sengen/{declaration.Number}", "Action宣言（1件）", "An Action declaration"),
            ("/sengen/logo-terms", "Action宣言ロゴの利用規約", "Logo terms"),
            ("/offices", "サテライトオフィス情報", "Satellite offices"),
            ("/offices/013951", "自治体のプロフィール（サンプル）", "A municipality profile (sample)"),
            ("/award", "アワード結果", "Award results"),
            ("/portal/link", "相談者用ページへのリンクの再送", "Inquirer portal: resend the link"),
            (portalPath, "相談者用ページ（ご相談状況）", "Inquirer portal: a case"),
            ("/accessibility", "ウェブアクセシビリティ方針", "Accessibility policy"),
            .. InfoPortalPages,
        ];

        var results = new List<AccessibilityReport.PageResult>();
        string axeVersion = "";
        foreach (var (path, ja, en) in pages)
        {
            var response = await page.GotoAsync(Url(path));
            var shownPath = path == portalPath ? "/portal/{token}" : path;
            Assert.True(response?.Ok, $"{path} answered {response?.Status}");
            var started = clock.Elapsed;
            var (result, version) = await ScanAsync(page);
            output.WriteLine($"{path}: {clock.Elapsed - started} scanning");
            axeVersion = version;
            results.Add(new(shownPath, ja, en, result.Count == 0 ? AccessibilityReport.PageResult.Passed : AccessibilityReport.PageResult.Failed, result));
        }

        // The worker form posted empty: the error summary and every field error tied to its field.
        await failedForm.GetByRole(AriaRole.Button, new() { Name = "入力内容を確認する" }).ClickAsync();
        await Assertions.Expect(failedForm.Locator("#error-summary li").First).ToBeVisibleAsync();
        var untied = await failedForm.EvaluateAsync<string[]>(
            "() => Array.from(document.querySelectorAll('p.error[id]')).filter(p => !document.querySelector(`[aria-describedby~=\"${p.id}\"]`)).map(p => p.id)");
        Assert.Empty(untied);
        var (formErrors, _) = await ScanAsync(failedForm);
        results.Add(new("/inquiries/worker (POST)", "働き手向けお問い合わせフォーム（入力エラー表示）", "Inquiry form for workers (with field errors)",
            formErrors.Count == 0 ? AccessibilityReport.PageResult.Passed : AccessibilityReport.PageResult.Failed, formErrors));

        output.WriteLine($"scanned {results.Count} pages in {clock.Elapsed}");
        var report = new AccessibilityReport(DateTimeOffset.UtcNow, "JIS X 8341-3:2016 AA (WCAG 2.0 AA)", Tags, axeVersion, browser.Version, results);
        // Written whatever the outcome: the page shows failures as honestly as passes (commit the file after a green run).
        var file = Path.Combine(TestEnvironment.RepositoryRoot, "src", "ConsultDesk.Web", AccessibilityReport.RelativePath);
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, AccessibilityReport.Json) + "\n");

        var failures = results.Where(r => r.Outcome == AccessibilityReport.PageResult.Failed)
            .Select(r => $"{r.Path}: " + string.Join("; ", r.Violations.Select(v => $"{v.Rule} ×{v.Elements} ({v.Help})"))).ToList();
        Assert.True(failures.Count == 0, "axe violations:\n" + string.Join("\n", failures) + "\n" + string.Join("\n", lastDetails));

        // /accessibility renders this very run (the test app's content root is the project folder).
        await page.GotoAsync(Url("/accessibility"));
        await Assertions.Expect(page.Locator("#a11y-tested-at")).ToHaveAttributeAsync("datetime", report.TestedAt.ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByText("JIS X 8341-3:2016")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#a11y-summary")).ToContainTextAsync($"試験したページ {results.Count} 件");
        await Assertions.Expect(page.Locator("table.a11y-results tbody tr")).ToHaveCountAsync(results.Count);
        await Assertions.Expect(page.GetByText($"axe-core {axeVersion} / Chromium {browser.Version}")).ToBeVisibleAsync();
        // On a phone the results table fits its box: long paths wrap instead of pushing the last column out of sight.
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("() => { const t = document.querySelector('table.a11y-results'); return t.scrollWidth <= t.parentElement.clientWidth; }"),
            "the results table is wider than its box at 390 px");
        await page.GotoAsync(Url("/accessibility?culture=en"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Web accessibility policy");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "No problems" }).First).ToBeVisibleAsync();
        output.WriteLine($"done in {clock.Elapsed}");
    }

    private readonly List<string> lastDetails = [];

    /// <summary>A case submitted through the API and a portal link minted for it (no wait for the acknowledgement mail).</summary>
    private async Task<string> PortalCaseAsync()
    {
        using var client = app.CreateClient();
        var response = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Company(Infrastructure.Inquiries.UniqueEmail("a11y")));
        response.EnsureSuccessStatusCode();
        var reference = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString();
        return await app.WithDbAsync(async db =>
        {
            var caseId = await db.Cases.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync();
            var (token, row) = PortalToken.Mint(caseId, DateTime.UtcNow);
            db.PortalTokens.Add(row);
            await db.SaveChangesAsync();
            return $"/portal/{token}";
        });
    }

    private string Url(string path) => new Uri(app.BaseAddress, path).ToString();

    /// <summary>
    /// axe.run on the whole document with the wcag2a and wcag2aa rules only. axe-core is the copy bundled in
    /// Deque.AxeCore (4.14), loaded once per browser context as an init script: the package's own RunAxe injects it
    /// and opens a helper page for every scan, which made the scan of all pages several times slower.
    /// </summary>
    private async Task<(List<AccessibilityReport.Violation> Violations, string AxeVersion)> ScanAsync(IPage page)
    {
        var result = await page.EvaluateAsync<JsonElement>("""
            tags => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }).then(r => ({
              version: r.testEngine.version,
              rulesPassed: r.passes.length,
              violations: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.html) })),
            }))
            """, Tags);
        Assert.True(result.GetProperty("rulesPassed").GetInt32() > 0, $"axe ran no rule on {page.Url}");
        var violations = new List<AccessibilityReport.Violation>();
        foreach (var v in result.GetProperty("violations").EnumerateArray())
        {
            var nodes = v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()).ToList();
            foreach (var html in nodes) lastDetails.Add($"{page.Url} {v.GetProperty("id").GetString()}: {html}");
            violations.Add(new(v.GetProperty("id").GetString()!, v.GetProperty("impact").GetString(), v.GetProperty("help").GetString()!, nodes.Count));
        }
        return (violations, result.GetProperty("version").GetString()!);
    }

    [Fact]
    public async Task A_keyboard_user_skips_to_the_form_reaches_every_field_in_order_with_visible_focus_and_submits()
    {
        var clock = Stopwatch.StartNew();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = 1280, Height = 900 } });
        var keyboard = page.Keyboard;
        var email = Infrastructure.Inquiries.UniqueEmail("keyboard");
        await page.GotoAsync(Url("/inquiries/worker"));

        // The skip link is the first stop, visible when focused, and moves focus to <main>.
        await keyboard.PressAsync("Tab");
        Assert.Equal("#main", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href')"));
        Assert.True(await page.EvaluateAsync<bool>("() => { const r = document.activeElement.getBoundingClientRect(); return r.left >= 0 && r.top >= 0 && r.width > 0; }"),
            "the focused skip link is off screen");
        await AssertFocusVisibleAsync(page);
        await keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        // What a Tab through the form should visit: every focusable control of <main> in document order, one stop per radio group.
        const string key = "e.type === 'radio' ? 'radio:' + e.name : e.type === 'checkbox' && !e.id ? e.name + '=' + e.value : (e.id || e.name || e.textContent.trim())";
        var expected = await page.EvaluateAsync<string[]>($$"""
            () => {
              const seen = new Set();
              return Array.from(document.querySelectorAll('main a[href], main input, main select, main textarea, main button'))
                .filter(e => e.type !== 'hidden' && e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0)
                .map(e => {{key}})
                .filter(k => { if (seen.has(k)) return false; seen.add(k); return true; });
            }
            """);
        var typing = new Dictionary<string, string>
        {
            ["f-PostalCode"] = "1000014",
            ["f-AddressStreet"] = "永田町1-7-1",
            ["f-FamilyName"] = "鍵盤",
            ["f-GivenName"] = "花子",
            ["f-FamilyNameKana"] = "けんばん",
            ["f-GivenNameKana"] = "はなこ",
            ["f-Email"] = email,
            ["f-EmailConfirmation"] = email,
            ["f-Subject"] = "キーボードだけで入力しました",
            ["f-Message"] = "マウスを使わずに送信できるか確かめています。",
        };
        var visited = new List<string>();
        for (var i = 0; i < 200 && visited.LastOrDefault() != expected[^1]; i++)
        {
            await keyboard.PressAsync("Tab");
            var state = await page.EvaluateAsync<string[]>($"() => {{ const e = document.activeElement, s = getComputedStyle(e); return [{key}, {FocusStyleJs}]; }}");
            var focused = state[0];
            AssertFocusVisible(state[1..]);
            if (visited.LastOrDefault() == focused) continue;   // a date-time field's parts are one field
            visited.Add(focused);
            if (typing.TryGetValue(focused, out var text))
            {
                await keyboard.TypeAsync(text);
                if (focused == "f-PostalCode")
                    await Assertions.Expect(page.Locator("#f-AddressMunicipality")).ToHaveValueAsync("千代田区");
            }
            else if (focused is "Form.Topics=telework-rules" or "f-PrivacyConsent")
                await keyboard.PressAsync("Space");
            else if (focused == "radio:Form.PreferredChannel")
            {
                // The arrow keys move through a radio group and choose as they go: down to メール.
                for (var n = 0; n < 4 && await page.EvaluateAsync<string>("() => document.activeElement.value") != "email"; n++)
                    await keyboard.PressAsync("ArrowDown");
                Assert.True(await page.GetByRole(AriaRole.Radio, new() { Name = "メール" }).IsCheckedAsync());
            }
        }
        Assert.Equal(expected, visited);

        // Back to the submit button and Enter; on the review page Tab to 送信する and Enter.
        await keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "入力内容の確認" })).ToBeVisibleAsync();
        for (var i = 0; i < 60 && await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()") != "送信する"; i++)
        {
            await keyboard.PressAsync("Tab");
            await AssertFocusVisibleAsync(page);
        }
        await keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "お問い合わせを受け付けました" })).ToBeVisibleAsync();
        Assert.Matches(@"CD-\d{4}-\d{6}", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        output.WriteLine($"done in {clock.Elapsed}");
    }

    [Fact]
    public void The_report_reads_back_and_a_missing_or_broken_file_gives_no_result()
    {
        var root = Directory.CreateTempSubdirectory("a11y-report").FullName;
        try
        {
            Assert.Null(AccessibilityReport.Load(root));   // /accessibility then says no result was published
            Directory.CreateDirectory(Path.Combine(root, "Accessibility"));
            var file = Path.Combine(root, AccessibilityReport.RelativePath);
            File.WriteAllText(file, "{ not json");
            Assert.Null(AccessibilityReport.Load(root));
            var written = new AccessibilityReport(new DateTimeOffset(2026, 12, 5, 3, 0, 0, TimeSpan.Zero), "JIS X 8341-3:2016 AA (WCAG 2.0 AA)", Tags, "4.14.0", "1",
                [new("/", "トップページ", "Home", AccessibilityReport.PageResult.Failed, [new("color-contrast", "serious", "Elements must meet minimum color contrast ratio thresholds", 2)]),
                 new("/info", "情報ポータル トップ", "Information portal home", AccessibilityReport.PageResult.NotFound, [])]);
            File.WriteAllText(file, JsonSerializer.Serialize(written, AccessibilityReport.Json));
            var read = AccessibilityReport.Load(root)!;
            Assert.Equal((written.TestedAt, 0, 1, 1), (read.TestedAt, read.Passed, read.Failed, read.NotFound));
            Assert.Equal("color-contrast", read.Pages[0].Violations.Single().Rule);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The focused element shows it: an outline or a box shadow (the browser's own ring counts as an outline).</summary>
    private static async Task AssertFocusVisibleAsync(IPage page) =>
        AssertFocusVisible(await page.EvaluateAsync<string[]>($"() => {{ const e = document.activeElement, s = getComputedStyle(e); return [{FocusStyleJs}]; }}"));

    private const string FocusStyleJs = "e.outerHTML.slice(0, 120), s.outlineStyle, s.outlineWidth, s.boxShadow";

    private static void AssertFocusVisible(string[] style)
    {
        var visible = (style[1] != "none" && style[2] != "0px") || style[3] != "none";
        Assert.True(visible, $"no visible focus on {style[0]} (outline {style[1]} {style[2]}, box-shadow {style[3]})");
    }
}
