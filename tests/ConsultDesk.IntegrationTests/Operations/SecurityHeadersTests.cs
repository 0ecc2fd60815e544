using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.Web.Hosting;
using Microsoft.Playwright;

namespace ConsultDesk.IntegrationTests.Operations;

[Collection(SqliteCollection.Name)]
public sealed class SecurityHeadersTests(SqliteApp app)
{
    private async Task<string> SubmitAsync()
    {
        using var anonymous = app.CreateClient();
        var response = await Infrastructure.Inquiries.PostAsync(anonymous, Infrastructure.Inquiries.Company());
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
    }

    [Fact]
    public async Task Every_public_and_desk_page_sends_the_security_headers()
    {
        var reference = await SubmitAsync();
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = app.BaseAddress });
        using var admin = await Staff.AdminAsync(app);
        string[] publicPaths =
        [
            "/", "/inquiries/municipality", "/inquiries/company", "/inquiries/worker", "/inquiries/thanks", "/offices", "/offices/013951",
            "/signin", "/portal/link", "/portal/" + new string('A', 43), "/nothing-here", "/css/site.css", "/js/inquiry-form.js",
            "/api/docs/", "/openapi/v1.json", "/health/live", "/api/v1/cases", "/desk",
        ];
        string[] deskPaths =
        [
            "/desk", $"/desk/cases/{reference}", "/desk/users", "/desk/reports", "/desk/municipalities", "/desk/municipalities/013951",
            "/desk/admin/templates", "/desk/admin/templates/acknowledgement/ja", "/desk/admin/outbox", "/api/v1/cases",
        ];

        var checkedPaths = 0;
        foreach (var (client, path) in publicPaths.Select(p => (anonymous, p)).Concat(deskPaths.Select(p => (admin, p))))
        {
            using var response = await client.GetAsync(path);
            var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
            var where = $"{path} ({(int)response.StatusCode})";
            Assert.True(headers.TryGetValue("Content-Security-Policy", out var policy), $"no CSP on {where}");
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            var scripts = policy!.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
            Assert.DoesNotContain("unsafe-inline", scripts, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", scripts, StringComparison.Ordinal);
            Assert.Equal("nosniff", headers.GetValueOrDefault("X-Content-Type-Options"));
            Assert.Contains(headers.GetValueOrDefault("Referrer-Policy"), new[] { "strict-origin-when-cross-origin", "no-referrer", "same-origin", "strict-origin" });
            checkedPaths++;
        }
        Assert.Equal(publicPaths.Length + deskPaths.Length, checkedPaths);
    }

    [Fact]
    public async Task Pages_need_no_inline_script_so_the_default_policy_allows_none()
    {
        // The policy itself: scripts and styles from the app's origin only.
        Assert.Contains("script-src 'self';", SecurityHeaders.Policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", SecurityHeaders.Policy, StringComparison.Ordinal);
        using var admin = await Staff.AdminAsync(app);
        foreach (var path in new[] { "/", "/inquiries/company", "/desk", "/desk/reports", "/desk/users", "/signin" })
        {
            var html = await admin.GetStringAsync(path);
            Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", html);
            Assert.DoesNotMatch(@"\son[a-z]+\s*=\s*""", html);
        }
    }

    [Fact]
    public async Task The_api_reference_allows_exactly_its_own_inline_script_by_hash()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/docs/");
        var policy = string.Join(", ", response.Headers.GetValues("Content-Security-Policy"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"script-src 'self' 'sha256-[A-Za-z0-9+/=]{44}';", policy);
        Assert.Equal(SecurityHeaders.DocsPolicy(html), policy);
        // Another page never gets the docs page's allowances.
        using var home = await client.GetAsync("/");
        Assert.Equal(SecurityHeaders.Policy, string.Join(", ", home.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Chromium_reports_no_policy_violation_on_the_key_pages()
    {
        var reference = await SubmitAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.LaunchChromiumAsync();
        var page = await browser.OpenPageAsync(new() { Locale = "ja-JP" });
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add($"{page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => violations.Add($"{page.Url}: page error {error}");
        string Url(string path) => new Uri(app.BaseAddress, path).ToString();

        await page.GotoAsync(Url("/"));
        await page.GotoAsync(Url("/inquiries/company"));
        await page.GotoAsync(Url("/offices"));
        await page.GotoAsync(Url("/desk"));
        await page.GetByLabel("メールアドレス").FillAsync(ConsultDeskAppFactory.AdminEmail);
        await page.GetByLabel("パスワード").FillAsync(ConsultDeskAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "案件キュー" })).ToBeVisibleAsync();
        await page.GotoAsync(Url($"/desk/cases/{reference}"));
        await page.GotoAsync(Url("/desk/reports"));
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "都道府県別の受付件数" })).ToBeVisibleAsync();
        // The print button works without its former inline handler.
        await page.EvaluateAsync("() => { window.__printed = false; window.print = () => { window.__printed = true; }; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "印刷" }).ClickAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__printed"));
        await page.GotoAsync(Url("/desk/users"));
        // Scalar renders the API from the OpenAPI document with its inline boot script allowed by hash.
        await page.GotoAsync(Url("/api/docs/"));
        await Assertions.Expect(page.GetByText("ConsultDesk API").First).ToBeVisibleAsync(new() { Timeout = TestBrowser.ActionTimeout });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
