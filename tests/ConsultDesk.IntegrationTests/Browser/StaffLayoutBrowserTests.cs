using ConsultDesk.Domain.Matching;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.IntegrationTests.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ConsultDesk.IntegrationTests.Browser;

/// <summary>
/// The pages a walk-through in Chromium found broken, checked at a desktop (1440 px) and a phone (390 px) width:
/// the document never scrolls sideways, no input is narrower than what it holds, labels sit with their values,
/// words are not broken mid-word, numbers line up under their headers. Each page is saved as a screenshot under
/// the test output's <c>TestResults/screenshots/</c>.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class StaffLayoutBrowserTests(SqliteApp app, SharedChromium chromium, ITestOutputHelper output) : IClassFixture<SharedChromium>
{
    public static readonly int[] Widths = [1440, 390];

    private static readonly SemaphoreSlim SeedLock = new(1, 1);
    private static string? seededCode;
    private static Guid seededDeclaration;
    private static Infrastructure.Declarations.Seeded? acceptedDeclaration;

    /// <summary>A published profile with offices and incentives (travel 250 min, a 500,000 yen cap) and one case for the dashboard.</summary>
    private async Task<string> SeedAsync()
    {
        await SeedLock.WaitAsync();
        try
        {
            if (seededCode is not null) return seededCode;
            var profile = await Profiles.AddAsync(app, "17", "レイアウト確認町", free: 12, fee: 15_000, travel: 250, industries: ["G", "L"]);
            using var anonymous = app.CreateClient();
            (await Infrastructure.Inquiries.PostAsync(anonymous, Infrastructure.Inquiries.Company())).EnsureSuccessStatusCode();
            // A case the queue search (相談) finds whatever else this process's app holds, so that page shows its list.
            (await Infrastructure.Inquiries.PostAsync(anonymous, Infrastructure.Inquiries.Municipality())).EnsureSuccessStatusCode();
            seededDeclaration = (await Infrastructure.Declarations.SeedAsync(app, ConsultDesk.Domain.Declarations.DeclarationStatus.InReview,
                Infrastructure.Declarations.Content(organizationName: "レイアウト確認テレワーク推進株式会社", itemCodes: ["1", "2", "3"]))).Id;
            acceptedDeclaration = await Infrastructure.Declarations.SeedAsync(app, ConsultDesk.Domain.Declarations.DeclarationStatus.Accepted,
                Infrastructure.Declarations.Content(organizationName: "レイアウト確認サテライトオフィス活用推進株式会社", itemCodes: ["1", "3", "5"]));
            return seededCode = profile.Code;
        }
        finally
        {
            SeedLock.Release();
        }
    }

    public static TheoryData<string> Pages => new()
    {
        "municipality-editor", "municipalities", "templates", "users", "outbox", "offices", "office-detail", "reports",
        "canned-replies", "views", "privacy", "inquiry-company", "declarations", "declaration-detail",
        "sengen-new", "sengen-list", "sengen-page", "sengen-manage", "declaration-items", "queue-search",
    };

    private string PathOf(string page, string code) => page switch
    {
        "municipality-editor" => $"/desk/municipalities/{code}",
        "municipalities" => "/desk/municipalities",
        // A word in the seeded municipality's message: the list with its bulk bar (「n件以上」 when the search walked the queue).
        "queue-search" => "/desk?q=" + Uri.EscapeDataString("相談"),
        "templates" => "/desk/admin/templates",
        "users" => "/desk/users",
        "outbox" => "/desk/admin/outbox",
        "offices" => "/offices",
        "office-detail" => $"/offices/{code}",
        "reports" => "/desk/reports",
        "canned-replies" => "/desk/canned-replies",
        "views" => "/desk/views",
        "privacy" => "/privacy",
        "inquiry-company" => "/inquiries/company",
        "declarations" => "/desk/declarations",
        "declaration-detail" => $"/desk/declarations/{seededDeclaration}",
        "sengen-new" => "/sengen/new",
        "sengen-list" => "/sengen",
        "sengen-page" => $"/sengen/{acceptedDeclaration!.Number}",
        "sengen-manage" => $"/sengen/manage/{acceptedDeclaration!.ManageToken}",
        "declaration-items" => "/desk/admin/declaration-items",
        _ => throw new ArgumentOutOfRangeException(nameof(page)),
    };

    private async Task SignInAsync(IPage page)
    {
        await page.GotoAsync(new Uri(app.BaseAddress, "/signin").ToString());
        await page.GetByLabel("メールアドレス").FillAsync(ConsultDeskAppFactory.AdminEmail);
        await page.GetByLabel("パスワード").FillAsync(ConsultDeskAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Screenshots.PathFor(name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLineSafe($"screenshot: {path}");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_fits_a_desktop_and_a_phone_with_readable_inputs_and_labels_beside_their_values(string name)
    {
        var code = await SeedAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        if (name is not ("offices" or "office-detail")) await SignInAsync(page);

        var problems = new List<string>();
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, width > 600 ? 900 : 844);
            var response = await page.GotoAsync(new Uri(app.BaseAddress, PathOf(name, code)).ToString());
            Assert.True(response?.Ok, $"{name} answered {response?.Status}");
            await ScreenshotAsync(page, $"{name}-{width}");
            var found = await page.EvaluateAsync<string[]>(LayoutCheck, width);
            problems.AddRange(found.Select(p => $"{name} at {width}px: {p}"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_municipality_editor_shows_and_saves_seats_fees_and_a_cap_of_500000()
    {
        var code = await SeedAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/desk/municipalities/{code}").ToString());

        // The seeded profile has two offices and two incentives; row 3 of each table is the blank row to add one.
        await page.GetByLabel("施設名 3", new() { Exact = true }).FillAsync("テレワークセンター");
        await page.GetByLabel("所在地 3", new() { Exact = true }).FillAsync("レイアウト確認町3-3");
        await page.GetByLabel("席数 3", new() { Exact = true }).FillAsync("30");
        await page.GetByLabel("空き席数 3", new() { Exact = true }).FillAsync("18");
        await page.GetByLabel("月額利用料（1席・円） 3", new() { Exact = true }).FillAsync("12000");
        await page.GetByLabel("支援制度名 3", new() { Exact = true }).FillAsync("移住起業支援金");
        await page.GetByLabel("種類 3", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "補助金" });
        await page.GetByLabel("上限額（円） 3", new() { Exact = true }).FillAsync("500000");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("保存しました。");

        // The saved rows come back in the profile's order: find them by name, then read every field of that row.
        await page.ReloadAsync();
        var officeRow = await RowOfAsync(page, "Offices", "テレワークセンター");
        var incentiveRow = await RowOfAsync(page, "Incentives", "移住起業支援金");
        await Assertions.Expect(page.GetByLabel($"席数 {officeRow}", new() { Exact = true })).ToHaveValueAsync("30");
        await Assertions.Expect(page.GetByLabel($"空き席数 {officeRow}", new() { Exact = true })).ToHaveValueAsync("18");
        await Assertions.Expect(page.GetByLabel($"月額利用料（1席・円） {officeRow}", new() { Exact = true })).ToHaveValueAsync("12000");
        var cap = page.GetByLabel($"上限額（円） {incentiveRow}", new() { Exact = true });
        await Assertions.Expect(cap).ToHaveValueAsync("500000");
        var kind = page.GetByLabel($"種類 {incentiveRow}", new() { Exact = true });
        await Assertions.Expect(kind).ToHaveValueAsync("subsidy");

        // What the user sees: every digit of 500000 fits in the box, and the select shows its choice, not only the arrow.
        Assert.True(await cap.EvaluateAsync<bool>("el => el.scrollWidth <= el.clientWidth && el.clientWidth >= " + NeededWidthJs + "(el)"),
            "the 上限額 input is narrower than 500000");
        Assert.True(await kind.EvaluateAsync<bool>("el => el.clientWidth >= " + NeededWidthJs + "(el)"), "the 種類 select shows only its arrow");

        var saved = await app.WithDbAsync(db => db.MunicipalityProfiles.AsNoTracking()
            .Include(p => p.Offices).Include(p => p.Incentives).SingleAsync(p => p.Code == code));
        var office = Assert.Single(saved.Offices, o => o.Name == "テレワークセンター");
        Assert.Equal((30, 18, 12_000), (office.Seats, office.AvailableSeats, office.MonthlyFeePerSeat));
        var incentive = Assert.Single(saved.Incentives, i => i.Name == "移住起業支援金");
        Assert.Equal(500_000L, incentive.CapYen);
        Assert.Equal(IncentiveKind.Subsidy, incentive.Kind);
    }

    /// <summary>The 1-based row number (as in the fields' labels) of the office or incentive row with this name.</summary>
    private static async Task<int> RowOfAsync(IPage page, string table, string name)
    {
        var index = await page.EvaluateAsync<int>(
            "([table, name]) => [...document.querySelectorAll(`input[name^='Form.${table}['][name$='].Name']`)].findIndex(el => el.value === name)",
            new[] { table, name });
        Assert.True(index >= 0, $"no {table} row named {name} after saving");
        return index + 1;
    }

    /// <summary>The width (CSS px) an input or select needs to show its value: text measured in the element's font, plus padding and the control's spinner or arrow.</summary>
    internal const string NeededWidthJs = """
        ((el) => {
            const cs = getComputedStyle(el);
            const ctx = (window.__measure ??= document.createElement('canvas').getContext('2d'));
            ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
            const isSelect = el.tagName === 'SELECT';
            let text = isSelect ? (el.selectedOptions[0]?.text ?? '') : el.value;
            if (el.type === 'number' && text.length < 4) text = '0000';
            const chrome = isSelect ? 24 : el.type === 'number' ? 16 : el.type === 'date' ? 24 : 0;
            return Math.ceil(ctx.measureText(text).width + parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight) + chrome);
        })
        """;

    /// <summary>Returns what a person would see as broken; empty when the page is fine.</summary>
    internal const string LayoutCheck = "width => {" +
        "const needed = " + NeededWidthJs + ";" +
        """
            const problems = [];
            const visible = el => { const r = el.getBoundingClientRect(); return r.width > 2 && r.height > 2 && getComputedStyle(el).visibility !== 'hidden'; };
            const describe = el => el.getAttribute('aria-label') || el.id || el.name || el.tagName.toLowerCase();
            const root = document.documentElement;
            if (root.scrollWidth > root.clientWidth) problems.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);

            for (const el of document.querySelectorAll('main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main select')) {
                if (!visible(el) || el.closest('.hp')) continue;
                // Numbers, dates and choices must show whole; a text box must at least show a few words (it scrolls the rest).
                const fits = ['number', 'date', 'select-one'].includes(el.type) ? needed(el) : Math.min(needed(el), 6 * parseFloat(getComputedStyle(el).fontSize));
                if (el.clientWidth < fits) problems.push(`${describe(el)} is ${el.clientWidth}px wide, its value "${el.value}" needs ${fits}px`);
                else if (el.type === 'number' && el.scrollWidth > el.clientWidth) problems.push(`${describe(el)} cuts its value "${el.value}"`);
            }

            // Tables inside the editor's form use the page's width; nothing scrolls sideways inside a box on a desktop.
            for (const wrap of document.querySelectorAll('main .table-wrap')) {
                if ((width > 600 || wrap.closest('form')) && visible(wrap) && wrap.scrollWidth > wrap.clientWidth + 1)
                    problems.push(`a table scrolls sideways inside its box (${wrap.scrollWidth} > ${wrap.clientWidth})`);
            }

            // A single word (a header cell, the site name, a menu item) on more than one line has been broken mid-word.
            const lines = el => {
                const range = document.createRange(); range.selectNodeContents(el);
                return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
            };
            // Text a person sees: a visually hidden label (the queue's 選択 column) is for screen readers only.
            const seen = el => { const copy = el.cloneNode(true); copy.querySelectorAll('.visually-hidden').forEach(h => h.remove()); return copy.textContent.trim(); };
            const singleWords = [...document.querySelectorAll('main thead th, .site-header .brand, .site-header nav a, .site-header nav button')]
                .filter(el => visible(el) && seen(el).length > 0 && !/[\s、・（(\/／]/.test(seen(el)));
            for (const el of singleWords) if (lines(el) > 1) problems.push(`"${seen(el)}" breaks mid-word`);
            if (width > 600) {
                const items = [...document.querySelectorAll('.site-header nav a, .site-header nav button')].filter(visible);
                const tops = new Set(items.map(el => Math.round(el.getBoundingClientRect().top)));
                if (tops.size > 1) problems.push(`the staff menu takes ${tops.size} lines`);
            }

            // Each label (dt) of a facts list stands directly above its own value (dd).
            for (const dt of document.querySelectorAll('main dl dt')) {
                const dd = dt.nextElementSibling;
                if (!dd || dd.tagName !== 'DD' || !visible(dt)) continue;
                const a = dt.getBoundingClientRect(), b = dd.getBoundingClientRect();
                // A review row (確認画面, Pages/Shared/_FormReview) sets its label beside its value on one line instead.
                const beside = dt.parentElement.classList.contains('review-row') && Math.abs(a.top - b.top) <= 2 && b.left >= a.right;
                if (beside) continue;
                if (Math.abs(a.left - b.left) > 2 || b.top < a.bottom - 1 || b.top - a.bottom > 24)
                    problems.push(`"${dd.textContent.trim()}" is not under its label "${dt.textContent.trim()}"`);
            }

            // Headers of number columns line up with their numbers.
            for (const table of document.querySelectorAll('main table')) {
                const body = table.tBodies[0]; if (!body || !visible(table)) continue;
                const header = table.tHead?.rows[table.tHead.rows.length - 1]; if (!header) continue;
                const offset = body.rows[0] && header.cells.length < body.rows[0].cells.length ? body.rows[0].cells.length - header.cells.length : 0;
                [...header.cells].forEach((th, i) => {
                    const cell = body.rows[0]?.cells[i + offset];
                    if (!cell || th.colSpan > 1) return;
                    const a = getComputedStyle(th).textAlign, b = getComputedStyle(cell).textAlign;
                    if (b === 'right' && a !== 'right' && a !== 'end') problems.push(`header "${th.textContent.trim()}" is aligned ${a}, its numbers right`);
                });
            }
            return problems;
        }
        """;
}

internal static class OutputExtensions
{
    /// <summary>Writes a line to the test's output; the helper throws when no test is running, which must not fail a test.</summary>
    public static void WriteLineSafe(this ITestOutputHelper output, string line)
    {
        try { output.WriteLine(line); } catch (InvalidOperationException) { }
    }
}
