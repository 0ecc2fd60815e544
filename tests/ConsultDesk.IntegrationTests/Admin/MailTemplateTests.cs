using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Admin;

/// <summary>Admins edit the mail templates through the API; the next mail uses the stored version, a reset brings the default back.</summary>
public abstract class MailTemplateTests(ConsultDeskAppFactory app)
{
    private const string DefaultJapaneseSubjectStart = "【地方創生テレワーク相談窓口】お問い合わせを受け付けました（";

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (ifMatch is not null) request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return await client.SendAsync(request);
    }

    private async Task<(string Reference, MimeKit.MimeMessage Mail)> SubmitAndReceiveAsync()
    {
        using var client = app.CreateClient();
        var email = Infrastructure.Inquiries.UniqueEmail("tmpl");
        var response = await Infrastructure.Inquiries.PostAsync(client, Infrastructure.Inquiries.Municipality(email));
        response.EnsureSuccessStatusCode();
        var reference = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        var mails = await SmtpSink.WaitForAsync([email], TimeSpan.FromSeconds(30));
        return (reference, Assert.Single(mails));
    }

    [Fact]
    public async Task An_admin_edits_the_japanese_acknowledgement_and_the_next_inquiry_gets_it_until_the_template_is_reset()
    {
        using var admin = await Staff.AdminAsync(app);
        var marker = Guid.NewGuid().ToString("N");
        var source = $"【テスト窓口】受付番号 {{{{ reference }}}} を承りました\n\n{{{{ contact_name }}}} 様\n印 {marker}\n{{{{ portal_url }}}}\n";

        var before = await admin.GetAsync("/api/v1/mail-templates/acknowledgement/ja");
        var beforeJson = await before.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal("\"v0\"", before.Headers.ETag!.Tag);
        Assert.False(beforeJson.GetProperty("customised").GetBoolean());
        Assert.Equal(beforeJson.GetProperty("defaultSource").GetString(), beforeJson.GetProperty("source").GetString());
        Assert.Contains(beforeJson.GetProperty("variables").EnumerateArray(), v => v.GetProperty("name").GetString() == "portal_url");

        try
        {
            var saved = await SendAsync(admin, HttpMethod.Put, "/api/v1/mail-templates/acknowledgement/ja", new { source }, "\"v0\"");
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Equal("\"v1\"", saved.Headers.ETag!.Tag);

            var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/mail-templates");
            var listed = list.GetProperty("items").EnumerateArray()
                .Where(i => i.GetProperty("name").GetString() == "acknowledgement")
                .ToDictionary(i => i.GetProperty("language").GetString()!, i => i.GetProperty("customised").GetBoolean());
            Assert.Equal(new Dictionary<string, bool> { ["ja"] = true, ["en"] = false }, listed);

            var (reference, mail) = await SubmitAndReceiveAsync();
            Assert.Equal($"【テスト窓口】受付番号 {reference} を承りました", mail.Subject);
            // contact_name is not offered to the acknowledgement (it goes to an unchecked address): it renders empty.
            Assert.StartsWith(" 様\n印 " + marker + "\n", mail.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("髙橋", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("/portal/", mail.TextBody, StringComparison.Ordinal);

            var reset = await SendAsync(admin, HttpMethod.Delete, "/api/v1/mail-templates/acknowledgement/ja", ifMatch: "\"v1\"");
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }
        finally
        {
            await SendAsync(admin, HttpMethod.Delete, "/api/v1/mail-templates/acknowledgement/ja");
        }

        var after = await admin.GetAsync("/api/v1/mail-templates/acknowledgement/ja");
        Assert.Equal("\"v0\"", after.Headers.ETag!.Tag);
        var (_, defaultMail) = await SubmitAndReceiveAsync();
        Assert.StartsWith(DefaultJapaneseSubjectStart, defaultMail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, defaultMail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_that_does_not_parse_is_refused_with_the_error_and_changes_nothing()
    {
        using var admin = await Staff.AdminAsync(app);
        const string broken = "件名 {{ reference }}\n\n{% if organization_name != blank %}{{ organization_name }}\n本文\n";

        var saved = await SendAsync(admin, HttpMethod.Put, "/api/v1/mail-templates/reply/ja", new { source = broken }, "\"v0\"");
        var previewed = await SendAsync(admin, HttpMethod.Post, "/api/v1/mail-templates/reply/ja/preview", new { source = broken });
        var current = await admin.GetFromJsonAsync<JsonElement>("/api/v1/mail-templates/reply/ja");

        foreach (var response in new[] { saved, previewed })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var message = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("source").EnumerateArray()).GetString()!;
            Assert.Contains("テンプレートを解釈できません（", message, StringComparison.Ordinal);
            Assert.Contains("{% endif %}", message, StringComparison.Ordinal);
        }
        Assert.False(current.GetProperty("customised").GetBoolean());
        Assert.Equal(0, current.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_template_with_a_multi_line_subject_is_refused_in_english_for_an_english_client()
    {
        using var admin = await Staff.AdminAsync(app);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var saved = await SendAsync(admin, HttpMethod.Put, "/api/v1/mail-templates/reply/en", new { source = "{{ body }}\n\nDear {{ contact_name }}\n" });

        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        var message = Assert.Single((await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("source").EnumerateArray()).GetString();
        Assert.StartsWith("The subject would span several lines", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_renders_the_sample_model_and_warns_about_unknown_variables()
    {
        using var admin = await Staff.AdminAsync(app);

        var response = await SendAsync(admin, HttpMethod.Post, "/api/v1/mail-templates/waiting-reminder/en/preview",
            new { source = "Reminder {{ reminder_number }} ({{ reference }})\n\nDear {{ contact_name }}, {{ nickname }}\n" });
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Reminder 1 (CD-2026-000123)", preview.GetProperty("subject").GetString());
        Assert.Equal("Dear Hanako Yamada, \n", preview.GetProperty("body").GetString());
        Assert.Contains("nickname", Assert.Single(preview.GetProperty("warnings").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_over_a_version_another_admin_saved_is_refused_with_412()
    {
        using var admin = await Staff.AdminAsync(app);
        const string path = "/api/v1/mail-templates/closing-notice/en";
        try
        {
            var first = await SendAsync(admin, HttpMethod.Put, path, new { source = "First ({{ reference }})\n\nBody one\n" }, "\"v0\"");
            var second = await SendAsync(admin, HttpMethod.Put, path, new { source = "Second ({{ reference }})\n\nBody two\n" }, "\"v0\"");
            var staleReset = await SendAsync(admin, HttpMethod.Delete, path, ifMatch: "\"v7\"");
            var current = await admin.GetFromJsonAsync<JsonElement>(path);

            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
            Assert.Equal(HttpStatusCode.PreconditionFailed, staleReset.StatusCode);
            Assert.Equal("First ({{ reference }})\n\nBody one\n", current.GetProperty("source").GetString());
            Assert.Equal(1, current.GetProperty("version").GetInt32());
        }
        finally
        {
            await SendAsync(admin, HttpMethod.Delete, path);
        }
    }

    [Fact]
    public async Task Unknown_templates_and_languages_are_404()
    {
        using var admin = await Staff.AdminAsync(app);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/mail-templates/no-such-template/ja")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/mail-templates/acknowledgement/fr")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(admin, HttpMethod.Put, "/api/v1/mail-templates/no-such-template/ja", new { source = "a\n\nb\n" })).StatusCode);
    }

    public static readonly (string Method, string Path)[] AdminEndpoints =
    [
        ("GET", "/api/v1/mail-templates"),
        ("GET", "/api/v1/mail-templates/acknowledgement/ja"),
        ("PUT", "/api/v1/mail-templates/acknowledgement/ja"),
        ("DELETE", "/api/v1/mail-templates/acknowledgement/ja"),
        ("POST", "/api/v1/mail-templates/acknowledgement/ja/preview"),
        ("GET", "/api/v1/outbox?status=failed"),
        ("POST", "/api/v1/outbox/01a2193e-ab8d-7bd1-8ce5-98b41b7bf446/retry"),
    ];

    [Fact]
    public async Task Consultants_and_managers_get_403_and_anonymous_callers_401_on_every_template_and_outbox_endpoint()
    {
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        var (manager, _) = await Staff.NewUserAsync(app, "manager");
        using var anonymous = app.CreateClient();
        using (consultant)
        using (manager)
        {
            foreach (var (method, path) in AdminEndpoints)
            {
                object? body = method is "PUT" or "POST" ? new { source = "件名\n\n本文\n" } : null;
                if (path.EndsWith("/retry", StringComparison.Ordinal)) body = null;
                Assert.Equal((method, path, HttpStatusCode.Forbidden), (method, path, (await SendAsync(consultant, new HttpMethod(method), path, body)).StatusCode));
                Assert.Equal((method, path, HttpStatusCode.Forbidden), (method, path, (await SendAsync(manager, new HttpMethod(method), path, body)).StatusCode));
                Assert.Equal((method, path, HttpStatusCode.Unauthorized), (method, path, (await SendAsync(anonymous, new HttpMethod(method), path, body)).StatusCode));
            }
        }
        using var admin = await Staff.AdminAsync(app);
        var template = await admin.GetFromJsonAsync<JsonElement>("/api/v1/mail-templates/acknowledgement/ja");
        Assert.False(template.GetProperty("customised").GetBoolean()); // the refused PUT stored nothing
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteMailTemplateTests(SqliteApp app) : MailTemplateTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresMailTemplateTests(PostgresApp app) : MailTemplateTests(app);
