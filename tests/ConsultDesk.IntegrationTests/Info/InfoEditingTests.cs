using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsultDesk.Domain.Users;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Info;

/// <summary>The editor's flows through the API and the desk pages: drafts, edits with If-Match, scheduling on a fake clock, history.</summary>
public abstract partial class InfoEditingTests(InfoEditApp app)
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
        return await client.SendAsync(request);
    }

    private static object PolicyItem(string title, string url = "https://www.example.go.jp/telework/", string body = "## 概要\n\n助成の内容。") => new
    {
        title, summary = "テレワーク導入の費用を助成します。", body, url, category = "telework-adoption", ministry = "mhlw",
        parties = new[] { "company" }, topics = new[] { "telework-rules" }, prefectures = new[] { "national" },
        applicationOpensOn = "2027-04-01", applicationClosesOn = "2027-06-30",
    };

    [Fact]
    public async Task An_editor_drafts_edits_schedules_and_the_sweep_publishes_at_the_time_with_each_change_on_the_history()
    {
        var name = "編集 " + InfoSeed.UniqueWord();
        var (editor, _) = await InfoSeed.NewEditorAsync(app, name);
        using var _e = editor;
        var slug = InfoSeed.UniqueSlug("policy");

        var created = await SendAsync(editor, HttpMethod.Post, "/api/v1/info/items", new { kind = "policy", slug, item = PolicyItem("テレワーク助成 " + InfoSeed.UniqueWord()) });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal("\"v1\"", created.Headers.ETag?.Tag);
        var item = await JsonAsync(created);
        var id = item.GetProperty("id").GetGuid();
        Assert.Equal("draft", item.GetProperty("status").GetString());
        Assert.EndsWith("Z", item.GetProperty("createdAt").GetString(), StringComparison.Ordinal);

        // The same slug again is refused as a field error.
        var duplicate = await SendAsync(editor, HttpMethod.Post, "/api/v1/info/items", new { kind = "policy", slug, item = PolicyItem("重複") });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.True((await JsonAsync(duplicate)).GetProperty("errors").TryGetProperty("slug", out _));

        var edited = await SendAsync(editor, HttpMethod.Put, $"/api/v1/info/items/{id}", PolicyItem("テレワーク助成（改訂）", "https://www.example.go.jp/telework/v2"), "\"v1\"");
        Assert.True(edited.StatusCode == HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        Assert.Equal(["Title", "Url"], (await JsonAsync(edited)).GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()!).ToArray());
        // Someone who still holds version 1 is told the item changed.
        var stale = await SendAsync(editor, HttpMethod.Put, $"/api/v1/info/items/{id}", PolicyItem("古い版からの編集"), "\"v1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        var at = app.Now.AddHours(2);
        var scheduled = await SendAsync(editor, HttpMethod.Post, $"/api/v1/info/items/{id}/schedule", new { publishAt = at });
        Assert.True(scheduled.StatusCode == HttpStatusCode.OK, await scheduled.Content.ReadAsStringAsync());
        Assert.Equal("scheduled", (await JsonAsync(scheduled)).GetProperty("status").GetString());

        await app.SweepAsync();
        Assert.Equal("scheduled", (await JsonAsync(await editor.GetAsync($"/api/v1/info/items/{id}"))).GetProperty("status").GetString());
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.SweepAsync();
        var published = await JsonAsync(await editor.GetAsync($"/api/v1/info/items/{id}"));
        Assert.Equal("published", published.GetProperty("status").GetString());
        Assert.Equal(at, published.GetProperty("publishedAt").GetDateTime());

        var history = (await JsonAsync(await editor.GetAsync($"/api/v1/info/items/{id}/revisions"))).GetProperty("revisions").EnumerateArray().ToList();
        Assert.Equal(["published", "scheduled", "edited", "created"], history.Select(r => r.GetProperty("action").GetString()!).ToArray());
        Assert.Equal([4, 3, 2, 1], history.Select(r => r.GetProperty("number").GetInt32()).ToArray());
        Assert.Equal("システム", history[0].GetProperty("actorName").GetString());
        Assert.All(history.Skip(1), r => Assert.Equal(name, r.GetProperty("actorName").GetString()));
        Assert.Equal(["Title", "Url"], history[2].GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()!).ToArray());

        // The revision page names the changed fields by their labels and compares with the revision before.
        var revisionPage = WebUtility.HtmlDecode(await (await PageClientAsync(editorEmail: null)).GetStringAsync($"/desk/info/{id}/revisions/2"));
        Assert.Contains("テレワーク助成（改訂）", revisionPage, StringComparison.Ordinal);
        Assert.Contains("前の版との比較", revisionPage, StringComparison.Ordinal);

        var unpublished = await SendAsync(editor, HttpMethod.Post, $"/api/v1/info/items/{id}/unpublish", null);
        Assert.Equal("unpublished", (await JsonAsync(unpublished)).GetProperty("status").GetString());
        var listed = await JsonAsync(await editor.GetAsync("/api/v1/info/items?kind=policy&status=unpublished"));
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Bad_input_is_a_field_error_and_consultants_are_refused_the_api_and_the_pages()
    {
        var (editor, _) = await InfoSeed.NewEditorAsync(app);
        using var _e = editor;
        var refused = await SendAsync(editor, HttpMethod.Post, "/api/v1/info/items",
            new { kind = "policy", slug = "Bad_Slug", item = PolicyItem("PDFの施策", "https://www.example.go.jp/files/guide.PDF") });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await JsonAsync(refused)).GetProperty("errors");
        Assert.Equal("施策の掲載ページのURLを入力してください（PDFは不可）。", errors.GetProperty("item.url")[0].GetString());
        Assert.True(errors.TryGetProperty("slug", out _));
        var caseStudy = await SendAsync(editor, HttpMethod.Post, "/api/v1/info/items", new
        {
            kind = "case-study", slug = InfoSeed.UniqueSlug("case"),
            item = new { title = "事例", summary = "概要", parties = new[] { "company", "worker" }, prefectures = new[] { "36" }, municipalityCode = "999999", declarationNumber = 987654 },
        });
        var caseErrors = (await JsonAsync(caseStudy)).GetProperty("errors");
        Assert.True(caseErrors.TryGetProperty("item.parties", out _));
        Assert.True(caseErrors.TryGetProperty("item.municipalityCode", out _));
        Assert.True(caseErrors.TryGetProperty("item.declarationNumber", out _));

        // The API is in the OpenAPI document, with the portal's enums as labelled code lists.
        using var anonymous = app.CreateClient();
        var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement;
        Assert.Equal("UpdateInfoItem", document.GetProperty("paths").GetProperty("/api/v1/info/items/{id}").GetProperty("put").GetProperty("operationId").GetString());
        var status = document.GetProperty("components").GetProperty("schemas").GetProperty("InfoStatus");
        Assert.Contains("scheduled", status.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Contains("公開予約", status.GetProperty("x-enum-descriptions").ToString(), StringComparison.Ordinal);

        var (consultant, _) = await Staff.NewUserAsync(app, Roles.Consultant);
        using var _c = consultant;
        Assert.Equal(HttpStatusCode.Forbidden, (await consultant.GetAsync("/api/v1/info/items")).StatusCode);
        var consultantPages = await PageClientAsync(role: Roles.Consultant);
        foreach (var path in (string[])["/desk/info", "/desk/info/new?kind=policy", "/desk/info/import"])
        {
            var denied = await consultantPages.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.Contains("/error/403", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_editor_only_user_lands_on_the_portal_list_previews_without_saving_and_sees_field_errors_in_the_form()
    {
        var client = await PageClientAsync(role: Roles.Editor);
        var landing = await client.GetAsync("/desk");
        Assert.Equal("/desk/info", landing.Headers.Location?.OriginalString);
        var list = await client.GetStringAsync("/desk/info");
        Assert.Contains("<a href=\"/desk/info\">情報提供</a>", list, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/desk/municipalities\"", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/desk/municipalities")).StatusCode);

        var form = await client.GetStringAsync("/desk/info/new?kind=case-study");
        var word = InfoSeed.UniqueWord();
        KeyValuePair<string, string>[] fields = [new("__RequestVerificationToken", Token(form)), new("Form.Slug", InfoSeed.UniqueSlug("case")),
            new("Form.Title", "事例 " + word), new("Form.Summary", "概要"), new("Form.Body", "## 取組\n\n<script>alert(1)</script>[x](javascript:alert(1)) 本文"),
            new("Form.Parties", "municipality"), new("Form.Prefectures", "36")];
        var preview = await client.PostAsync("/desk/info/new?kind=case-study&handler=preview", new FormUrlEncodedContent(fields));
        var previewHtml = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("id=\"info-preview\"", previewHtml, StringComparison.Ordinal);
        Assert.Contains("取組</h2>", previewHtml, StringComparison.Ordinal);
        var previewStart = previewHtml.IndexOf("id=\"info-preview\"", StringComparison.Ordinal);
        var previewSection = previewHtml[previewStart..previewHtml.IndexOf("</section>", previewStart, StringComparison.Ordinal)];
        Assert.Contains("本文", previewSection, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", previewSection, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", previewSection, StringComparison.OrdinalIgnoreCase);
        Assert.False(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.InfoItems, i => i.Title.Contains(word))));

        var bad = await client.PostAsync("/desk/info/new?kind=case-study", new FormUrlEncodedContent(fields.Select(f => f.Key == "Form.Slug" ? new(f.Key, "悪い slug") : f)));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("id=\"info-slug-error\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await client.PostAsync("/desk/info/new?kind=case-study", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(saved.Headers.Location!.OriginalString));
        Assert.Contains("事例 " + word, page, StringComparison.Ordinal);
        Assert.Contains("下書き", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_policy_csv_round_trips_imports_cp932_and_a_bad_row_imports_nothing_naming_row_and_column()
    {
        var (editor, _) = await InfoSeed.NewEditorAsync(app, "取込 三郎");
        using var _e = editor;
        var slug = InfoSeed.UniqueSlug("csv");
        var word = InfoSeed.UniqueWord();
        var created = await SendAsync(editor, HttpMethod.Post, "/api/v1/info/items", new { kind = "policy", slug, item = PolicyItem("=SUM(1) " + word, body: "一行の本文") });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await JsonAsync(created)).GetProperty("id").GetGuid();

        var export = await editor.GetAsync("/api/v1/info/policies.csv");
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var all = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("slug,title,", all, StringComparison.Ordinal);
        // Only this test's row goes back in (the export holds the samples and other tests' policies too).
        var lines = all.Split("\r\n");
        var text = lines[0] + "\r\n" + Assert.Single(lines, l => l.Contains(word, StringComparison.Ordinal)) + "\r\n";
        Assert.Contains("'=SUM(1) " + word, text, StringComparison.Ordinal); // formula-escaped
        bytes = [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text)];

        // Importing the export changes nothing; the same file with the title edited changes that policy, as "imported" by the user.
        var same = await ImportAsync(editor, bytes);
        Assert.Equal(0, same.GetProperty("created").GetInt32());
        Assert.Equal(0, same.GetProperty("changed").GetInt32());
        var edited = System.Text.Encoding.UTF8.GetBytes(text.Replace("'=SUM(1) " + word, "改題 " + word, StringComparison.Ordinal));
        Assert.Equal(1, (await ImportAsync(editor, edited)).GetProperty("changed").GetInt32());
        var item = await JsonAsync(await editor.GetAsync($"/api/v1/info/items/{id}"));
        Assert.Equal("改題 " + word, item.GetProperty("content").GetProperty("title").GetString());
        var last = (await JsonAsync(await editor.GetAsync($"/api/v1/info/items/{id}/revisions"))).GetProperty("revisions")[0];
        Assert.Equal("imported", last.GetProperty("action").GetString());
        Assert.Equal("取込 三郎", last.GetProperty("actorName").GetString());
        Assert.Equal(["Title"], last.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()!).ToArray());

        // A Shift_JIS (CP932) file creates a policy.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var cp932Slug = InfoSeed.UniqueSlug("sjis");
        var cp932 = System.Text.Encoding.GetEncoding(932).GetBytes(
            "slug,title,summary,url,category,ministry,parties,topics,prefectures\r\n" +
            $"{cp932Slug},シフトJISの施策 {word},概要です,https://www.example.go.jp/sjis/,relocation,mlit,municipality;worker,telework-rules,36;37\r\n");
        var sjis = await ImportAsync(editor, cp932);
        Assert.Equal(1, sjis.GetProperty("created").GetInt32());
        Assert.Equal("cp932", sjis.GetProperty("encoding").GetString());

        // One bad row (a PDF link in row 3) imports nothing, not even the good row 2.
        var goodSlug = InfoSeed.UniqueSlug("good");
        var bad = System.Text.Encoding.UTF8.GetBytes(
            "slug,title,summary,url,category,ministry,prefectures\r\n" +
            $"{goodSlug},良い行,概要,https://www.example.go.jp/ok/,other,mic,national\r\n" +
            $"{InfoSeed.UniqueSlug("bad")},悪い行,概要,https://www.example.go.jp/a.pdf,other,mic,national\r\n");
        var refused = await editor.PostAsync("/api/v1/info/policies/import", new ByteArrayContent(bad) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var error = Assert.Single((await JsonAsync(refused)).GetProperty("rows").EnumerateArray());
        Assert.Equal(3, error.GetProperty("row").GetInt32());
        Assert.Equal("url", error.GetProperty("column").GetString());
        Assert.False(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.InfoItems, i => i.Slug == goodSlug)));
    }

    private static async Task<JsonElement> ImportAsync(HttpClient client, byte[] csv)
    {
        var response = await client.PostAsync("/api/v1/info/policies/import", new ByteArrayContent(csv) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();

    private static string Token(string html) => AntiForgery().Match(html).Groups[1].Value;

    /// <summary>A cookie client signed in through /signin as a new user of <paramref name="role"/> (an editor by default).</summary>
    private async Task<HttpClient> PageClientAsync(string role = Roles.Editor, string? editorEmail = null)
    {
        using var admin = await Staff.AdminAsync(app);
        var email = editorEmail ?? $"{role}-{Guid.NewGuid():N}@consultdesk.test";
        const string password = "Staff-Password-2026";
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = $"{role} 次郎", password, roles = new[] { role } });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };
        var form = await client.GetStringAsync("/signin");
        var signedIn = await client.PostAsync("/signin", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Token(form)), new("Email", email), new("Password", password)]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }
}

[Collection(InfoEditSqliteCollection.Name)]
public sealed class SqliteInfoEditingTests(InfoEditSqliteApp app) : InfoEditingTests(app);

[Collection(InfoEditPostgresCollection.Name)]
public sealed class PostgresInfoEditingTests(InfoEditPostgresApp app) : InfoEditingTests(app);
