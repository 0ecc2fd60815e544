using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Reports;

/// <summary>The dashboard page over HTTP with the staff cookie: who may see it, what it links to, its CSV downloads.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class DashboardPageTests(DashboardApp app)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();

    internal static async Task<string> NewStaffAsync(ConsultDeskAppFactory app, string role, string displayName)
    {
        using var admin = await Staff.AdminAsync(app);
        var email = $"dash-{role}-{Guid.NewGuid():N}@consultdesk.test";
        (await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName, password = "Staff-Password-2026", roles = new[] { role } })).EnsureSuccessStatusCode();
        return email;
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var email = await NewStaffAsync(app, role, $"{role} 次郎");
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };
        var form = await client.GetStringAsync("/signin");
        var signedIn = await client.PostAsync("/signin", new FormUrlEncodedContent([
            new("__RequestVerificationToken", AntiForgery().Match(form).Groups[1].Value), new("Email", email), new("Password", "Staff-Password-2026")]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    [Fact]
    public async Task A_consultant_is_turned_away_and_sees_no_dashboard_or_csv_links()
    {
        using var consultant = await SignedInAsync("consultant");

        var response = await consultant.GetAsync("/desk/reports");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/error/403", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var queue = await consultant.GetStringAsync("/desk");
        Assert.DoesNotContain("/desk/reports", queue, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/v1/cases.csv", queue, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await consultant.GetAsync("/api/v1/reports/geography.csv")).StatusCode);
    }

    [Fact]
    public async Task A_manager_gets_the_dashboard_with_its_links_and_the_csv_files_with_the_cookie()
    {
        using var anonymous = app.CreateClient();
        var body = Infrastructure.Inquiries.Company();
        body["prefectureCode"] = "26";
        (await Infrastructure.Inquiries.PostAsync(anonymous, body)).EnsureSuccessStatusCode();
        using var manager = await SignedInAsync("manager");

        var response = await manager.GetAsync("/desk/reports?interval=week&topic=telework-rules");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("href=\"/desk/reports\"", html, StringComparison.Ordinal);
        Assert.Equal(47, Regex.Matches(html, "<a class=\"tile\"").Count);
        Assert.Contains("<title>京都府: 1</title>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/v1/reports/flow.csv?topic=telework-rules&amp;interval=week\"", html, StringComparison.Ordinal);
        // caseload.csv is left out here: see Caseload_csv_downloads below.
        foreach (var report in new[] { "flow", "speed", "funnel", "geography" })
        {
            var csv = await manager.GetAsync($"/api/v1/reports/{report}.csv?topic=telework-rules");
            Assert.Equal((report, HttpStatusCode.OK), (report, csv.StatusCode));
            Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        }

        var queue = await manager.GetStringAsync("/desk?prefectureCode=26&from=2000-01-01");
        Assert.Contains("href=\"/api/v1/cases.csv?prefectureCode=26&amp;from=2000-01-01&amp;sort=due\"", queue, StringComparison.Ordinal);
        var cases = await manager.GetAsync("/api/v1/cases.csv?prefectureCode=26&from=2000-01-01");
        Assert.Equal(HttpStatusCode.OK, cases.StatusCode);
        Assert.Contains("株式会社サンプル", await cases.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_applies_from_and_to_and_keeps_them_in_its_form()
    {
        using var manager = await SignedInAsync("manager");

        var past = await manager.GetStringAsync("/desk?status=new,triaged,resolved,closed&from=2001-01-01&to=2001-12-31");
        Assert.Contains("value=\"2001-01-01\"", past, StringComparison.Ordinal);
        Assert.Contains("value=\"2001-12-31\"", past, StringComparison.Ordinal);
        Assert.DoesNotContain("/desk/cases/", past, StringComparison.Ordinal);
        // Comma-separated statuses tick each box.
        Assert.Matches("value=\"resolved\" checked=\"checked\"", past);

        var bad = await manager.GetStringAsync("/desk?from=2001-13-01");
        Assert.Contains("yyyy-MM-dd", bad, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caseload_csv_downloads_with_the_cookie()
    {
        using var manager = await SignedInAsync("manager");
        var csv = await manager.GetAsync("/api/v1/reports/caseload.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
    }

    [Fact]
    public async Task Every_count_on_the_dashboard_links_to_a_queue_listing_exactly_that_many_cases()
    {
        using var anonymous = app.CreateClient();
        var references = new List<string>();
        foreach (var (code, worker) in new[] { ("33", false), ("33", true), ("34", false), ("34", true), ("35", false) })
        {
            var body = worker ? Infrastructure.Inquiries.Worker() : Infrastructure.Inquiries.Company();
            body["prefectureCode"] = code;
            var response = await Infrastructure.Inquiries.PostAsync(anonymous, body);
            response.EnsureSuccessStatusCode();
            references.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!);
        }
        // One triaged and one new case with a consultant, one closed, the rest new and unassigned.
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant", "相談員 五郎");
        using (consultant)
        {
            (await consultant.PostAsync($"/api/v1/cases/{references[0]}/claim", null)).EnsureSuccessStatusCode();
            (await consultant.PostAsJsonAsync($"/api/v1/cases/{references[0]}/transitions", new { to = "triaged" })).EnsureSuccessStatusCode();
            (await consultant.PostAsync($"/api/v1/cases/{references[1]}/claim", null)).EnsureSuccessStatusCode();
        }
        using (var admin = await Staff.AdminAsync(app))
            (await admin.PostAsJsonAsync($"/api/v1/cases/{references[2]}/transitions", new { to = "closed", reason = "withdrawn" })).EnsureSuccessStatusCode();
        using var manager = await SignedInAsync("manager");

        var html = await manager.GetStringAsync("/desk/reports");

        // Table cells: <a href="/desk?…">n</a>; chart marks: <a … href="/desk?…" aria-label="…: n…">.
        var links = CountLinks().Matches(html).Select(m => (Href: m.Groups[1].Value, Count: int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Concat(ChartLinks().Matches(html).Select(m => (Href: m.Groups[1].Value, Count: int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))))
            .Select(l => (Href: WebUtility.HtmlDecode(l.Href), l.Count))
            .Distinct().ToList();
        Assert.True(links.Count > 60, $"only {links.Count} drill-down links");
        Assert.Contains(links, l => l.Count == 2 && l.Href.Contains("prefectureCode=33", StringComparison.Ordinal) && l.Href.Contains("status=new,", StringComparison.Ordinal));
        Assert.Contains(links, l => l.Count == 1 && l.Href.Contains("status=triaged", StringComparison.Ordinal) && !l.Href.Contains("unassigned", StringComparison.Ordinal));
        var wrong = new List<string>();
        foreach (var (href, count) in links)
        {
            var queue = await manager.GetStringAsync(href);
            var listed = Regex.Matches(queue, "<a href=\"/desk/cases/").Count;
            if (listed != count || queue.Contains("rel=\"next\"", StringComparison.Ordinal)) wrong.Add($"{href}: dashboard {count}, queue {listed}");
        }
        Assert.Empty(wrong);
    }

    [GeneratedRegex("<a href=\"(/desk\\?[^\"]+)\">(\\d+)</a>")]
    private static partial Regex CountLinks();

    [GeneratedRegex("<a [^>]*?href=\"(/desk\\?[^\"]+)\" aria-label=\"[^\"]*?: (\\d+)[^\"]*\">")]
    private static partial Regex ChartLinks();
}
