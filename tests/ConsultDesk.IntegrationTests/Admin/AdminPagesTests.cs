using System.Net;
using System.Text.RegularExpressions;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Admin;

/// <summary>The admin pages as a person uses them: signed in with the cookie, posting the forms with their anti-forgery token.</summary>
[Collection(SqliteCollection.Name)]
public sealed partial class AdminPagesTests(SqliteApp app)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };
        var form = await client.GetStringAsync("/signin");
        var signedIn = await client.PostAsync("/signin", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Token(form)), new("Email", email), new("Password", password)]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    private static string Token(string html) => AntiForgery().Match(html).Groups[1].Value;

    private static async Task<(HttpResponseMessage Response, string Html)> PostFormAsync(HttpClient client, string path, string handler, string page, params KeyValuePair<string, string>[] fields)
    {
        var response = await client.PostAsync($"{path}?handler={handler}", new FormUrlEncodedContent([new("__RequestVerificationToken", Token(page)), .. fields]));
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_admin_previews_a_template_and_a_broken_one_is_refused_with_the_error_and_the_text_kept()
    {
        using var admin = await SignedInAsync(ConsultDeskAppFactory.AdminEmail, ConsultDeskAppFactory.AdminPassword);
        const string path = "/desk/admin/templates/satisfaction-survey/ja";

        var list = await admin.GetStringAsync("/desk/admin/templates");
        var editor = await admin.GetStringAsync(path);
        var (preview, previewHtml) = await PostFormAsync(admin, path, "Preview", editor,
            new("Version", "0"), new("Source", "アンケート（{{ reference }}）\n\n{{ contact_name }} 様 {{ survey_url }}\n"));
        var (refused, refusedHtml) = await PostFormAsync(admin, path, "Save", editor,
            new("Version", "0"), new("Source", "アンケート（{{ reference }\n\n本文\n"));
        var after = await admin.GetStringAsync(path);

        Assert.Contains("href=\"/desk/admin/templates\"", list, StringComparison.Ordinal);
        Assert.Contains("href=\"/desk/admin/outbox\"", list, StringComparison.Ordinal);
        Assert.Contains("href=\"/desk/admin/templates/acknowledgement/en\"", list, StringComparison.Ordinal);
        Assert.Contains("{{ survey_url }}", editor, StringComparison.Ordinal); // the default source in the editor
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("アンケート（CD-2026-000123）", previewHtml, StringComparison.Ordinal);
        Assert.Contains("山田 花子 様 https://desk.example.jp/portal/SAMPLE-TOKEN/survey", previewHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("テンプレートを解釈できません（1 行", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("アンケート（{{ reference }\n\n本文", WebUtility.HtmlDecode(refusedHtml), StringComparison.Ordinal);
        Assert.DoesNotContain("変更あり", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_saves_and_resets_a_template_from_the_editor()
    {
        using var admin = await SignedInAsync(ConsultDeskAppFactory.AdminEmail, ConsultDeskAppFactory.AdminPassword);
        const string path = "/desk/admin/templates/portal-link/en";
        var editor = await admin.GetStringAsync(path);

        var (saved, _) = await PostFormAsync(admin, path, "Save", editor, new("Version", "0"), new("Source", "Your link ({{ reference }})\n\n{{ portal_url }}\n"));
        var customised = await admin.GetStringAsync(path);
        var (stale, staleHtml) = await PostFormAsync(admin, path, "Save", customised, new("Version", "0"), new("Source", "Stale ({{ reference }})\n\nx\n"));
        var (reset, _) = await PostFormAsync(admin, path, "Reset", customised, new KeyValuePair<string, string>("Version", "1"));
        var restored = await admin.GetStringAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Your link ({{ reference }})", WebUtility.HtmlDecode(customised), StringComparison.Ordinal);
        Assert.Contains("変更あり", customised, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        Assert.Contains("ほかの管理者がこのテンプレートを先に変更しました", staleHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.DoesNotContain("Your link ({{ reference }})", WebUtility.HtmlDecode(restored), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_outbox_page_lists_a_failed_mail_masked_and_its_retry_button_sends_it_again()
    {
        using var api = app.CreateClient();
        var email = Infrastructure.Inquiries.UniqueEmail("page");
        var submitted = await Infrastructure.Inquiries.PostAsync(api, Infrastructure.Inquiries.Worker(email));
        var reference = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(submitted.Content)).GetProperty("reference").GetString()!;
        var failed = await app.WithDbAsync(async db =>
        {
            var caseId = db.Cases.Where(c => c.Reference == reference).Select(c => c.Id).Single();
            var now = DateTime.UtcNow;
            var mail = ConsultDesk.Domain.OutboxMail.Create(caseId, "reply", new ConsultDesk.Domain.RenderedMail("ページから再送", "本文"), email, null, "consultdesk.example.jp", now);
            mail.MarkAttemptFailed("SmtpCommandException 550 RecipientNotAccepted", permanent: true, 8, TimeSpan.FromSeconds(30), now);
            db.Outbox.Add(mail);
            await db.SaveChangesAsync();
            return mail;
        });
        using var admin = await SignedInAsync(ConsultDeskAppFactory.AdminEmail, ConsultDeskAppFactory.AdminPassword);

        var page = await admin.GetStringAsync("/desk/admin/outbox");
        var (retried, _) = await PostFormAsync(admin, "/desk/admin/outbox", "Retry", page, new KeyValuePair<string, string>("id", failed.Id.ToString()));
        var after = await admin.GetStringAsync("/desk/admin/outbox");

        Assert.Contains("配信できないメール", page, StringComparison.Ordinal);
        Assert.Contains("pa***@example.jp", page, StringComparison.Ordinal);
        Assert.DoesNotContain(email, page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"value=\"{failed.Id}\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Contains("再送を受け付けました", after, StringComparison.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!SmtpSink.MessagesTo([email]).Any(m => m.MessageId == failed.MessageId) && DateTime.UtcNow < deadline) await Task.Delay(250);
        Assert.Single(SmtpSink.MessagesTo([email]), m => m.MessageId == failed.MessageId);
    }

    [Fact]
    public async Task Consultants_see_no_admin_links_and_are_turned_away_from_the_admin_pages()
    {
        using var creator = await Staff.AdminAsync(app);
        var email = $"pages-{Guid.NewGuid():N}@consultdesk.test";
        var created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(creator, "/api/v1/users",
            new { email, displayName = "相談員 花子", password = "Staff-Password-2026", roles = new[] { "consultant" } });
        created.EnsureSuccessStatusCode();
        using var consultant = await SignedInAsync(email, "Staff-Password-2026");

        var queue = await consultant.GetStringAsync("/desk");
        Assert.DoesNotContain("/desk/admin/", queue, StringComparison.Ordinal);
        foreach (var path in new[] { "/desk/admin/templates", "/desk/admin/templates/acknowledgement/ja", "/desk/admin/outbox" })
        {
            var response = await consultant.GetAsync(path);
            Assert.Equal((path, HttpStatusCode.Redirect), (path, response.StatusCode));
            Assert.StartsWith("/error/403", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }
}
