using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConsultDesk.Data;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Features.Declarations;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.IntegrationTests.Portal;
using ConsultDesk.Web.Pages.Sengen;
using ConsultDesk.Web.Pages.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ConsultDesk.IntegrationTests.Declarations;

/// <summary>
/// The declarant's side on both databases: the API intake and its confirmation mail, refusals that store nothing,
/// confirming from the link, the 7-day window and its cleanup, resubmitting after a return, withdrawing, fresh links.
/// </summary>
public abstract partial class DeclarationIntakeTests(ConsultDeskAppFactory app)
{
    public static JsonObject Body(string email, string corporateNumber = "7000012050002") => new()
    {
        ["organization"] = new JsonObject
        {
            ["name"] = "サンプル商事株式会社", ["nameKana"] = "サンプルショウジ", ["corporateNumber"] = corporateNumber,
            ["industry"] = "G", ["employees"] = 120, ["website"] = "https://example.jp/",
        },
        ["address"] = new JsonObject { ["postalCode"] = "100-0014", ["prefectureCode"] = "13", ["localGovernmentCode"] = "131016", ["street"] = "永田町1-6-1" },
        ["representative"] = new JsonObject { ["name"] = "代表 太郎", ["title"] = "代表取締役" },
        ["contact"] = new JsonObject
        {
            ["familyName"] = "担当", ["givenName"] = "花子", ["familyNameKana"] = "タントウ", ["givenNameKana"] = "ハナコ",
            ["email"] = email, ["phone"] = "03-1234-5678",
        },
        ["commitments"] = new JsonArray(new JsonObject { ["itemCode"] = "1", ["text"] = "全社員が週2日テレワークできる規程を整備します。" }),
        ["agreements"] = new JsonArray("purpose", "publication", "antisocial-forces", "privacy"),
    };

    private HttpClient Client(bool english = false)
    {
        var client = PortalVisit.NoRedirectClient(app);
        if (english) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    private Task<HttpResponseMessage> PostApiAsync(JsonObject body, bool english = false) =>
        Client(english).PostAsync("/api/v1/declarations", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

    private Task<int> StoredForAsync(string email) =>
        app.WithDbAsync(db => db.Declarations.CountAsync(d => d.ContactEmail == email));

    private Task<int> OutboxForAsync(string email) =>
        app.WithDbAsync(db => db.Outbox.CountAsync(m => m.ToAddress == email));

    public static string TokenIn(MimeKit.MimeMessage mail)
    {
        var match = ManageLink().Match(mail.TextBody ?? "");
        Assert.True(match.Success, "The mail carries no declarant link.");
        return match.Groups[1].Value;
    }

    private async Task<(string Html, string FormToken)> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (html, FormToken().Match(html).Groups[1].Value);
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formToken, IEnumerable<KeyValuePair<string, string>> fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", formToken))));

    [Fact]
    public async Task The_api_stores_an_unconfirmed_declaration_and_mails_a_link_that_confirms_it_only_by_post()
    {
        var email = Infrastructure.Inquiries.UniqueEmail("sengen-api");
        var response = await PostApiAsync(Body(email));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = json.GetProperty("id").GetGuid();
        Assert.Equal("unconfirmed", json.GetProperty("status").GetString());
        var expires = json.GetProperty("confirmationExpiresAt").GetString()!;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", expires);
        Assert.InRange(DateTimeOffset.Parse(expires, System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow,
            TimeSpan.FromDays(7) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(7));
        Assert.Equal($"/api/v1/declarations/{id}", response.Headers.Location!.OriginalString);

        var mail = await PortalVisit.MailAsync(email, m => (m.Subject ?? "").Contains("Action宣言", StringComparison.Ordinal));
        // The mail goes to whatever address was typed: it repeats none of the typed text, only the link.
        Assert.DoesNotContain("サンプル商事", mail.Subject + mail.TextBody);
        Assert.Null(mail.Headers[MimeKit.HeaderId.ListUnsubscribe]);
        var path = $"/sengen/manage/{TokenIn(mail)}";

        // Opening the link (as a mail scanner would) shows the page and changes nothing.
        using var client = Client();
        var (html, formToken) = await OpenAsync(client, path);
        Assert.Contains("id=\"sengen-confirm\"", html);
        Assert.Contains("サンプル商事株式会社", html);
        Assert.Equal(DeclarationStatus.Unconfirmed, (await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == id))).Status);

        var confirmed = await PostFormAsync(client, path + "?handler=Confirm", formToken, []);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var stored = await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == id));
        Assert.Equal(DeclarationStatus.InReview, stored.Status);
        Assert.NotNull(stored.ConfirmedAt);
        Assert.Equal(2, stored.Version);
        var events = await app.WithDbAsync(db => db.DeclarationEvents.Where(e => e.DeclarationId == id).OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.Type).ToListAsync());
        Assert.Equal(["submitted", "confirmed"], events);
        Assert.Contains(ManageModel.StatusWords(DeclarationStatus.InReview), await client.GetStringAsync(path));

        // Confirming twice is not a 500 but a clear refusal.
        var again = await PostFormAsync(client, path + "?handler=Confirm", formToken, []);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("この操作は現在の状態ではできません", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_bad_corporate_number_is_a_400_naming_its_field_in_japanese_or_english_and_nothing_is_stored()
    {
        var email = Infrastructure.Inquiries.UniqueEmail("sengen-bad");
        var response = await PostApiAsync(Body(email, corporateNumber: "8000012050002"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Equal(["organization.corporateNumber"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Contains("検査数字", errors.GetProperty("organization.corporateNumber")[0].GetString());

        var english = await PostApiAsync(Body(email, corporateNumber: "8000012050002"), english: true);
        var englishErrors = (await english.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("The corporate number must be 13 digits with a valid check digit.", englishErrors.GetProperty("organization.corporateNumber")[0].GetString());

        Assert.Equal(0, await StoredForAsync(email));
        Assert.Equal(0, await OutboxForAsync(email));
    }

    [Fact]
    public async Task An_unticked_agreement_or_no_commitment_is_a_400_and_nothing_is_stored()
    {
        var email = Infrastructure.Inquiries.UniqueEmail("sengen-agree");
        var body = Body(email);
        body["agreements"] = new JsonArray("purpose", "publication", "privacy");
        body["commitments"] = new JsonArray();

        var response = await PostApiAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("反社会的勢力", errors.GetProperty("agreements")[0].GetString());
        Assert.True(errors.TryGetProperty("commitments", out _));
        Assert.Equal(0, await StoredForAsync(email));
        Assert.Equal(0, await OutboxForAsync(email));
    }

    [Fact]
    public async Task One_mailbox_may_declare_five_times_a_day_and_the_sixth_is_a_429_that_stores_nothing()
    {
        var box = Guid.NewGuid().ToString("N")[..10];
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Created, (await PostApiAsync(Body($"limit{box}+{i}@example.jp"))).StatusCode);

        var sixth = await PostApiAsync(Body($"Limit{box}+6@example.jp"));

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.NotNull(sixth.Headers.RetryAfter);
        Assert.Equal(0, await StoredForAsync($"Limit{box}+6@example.jp"));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_intake_with_its_code_lists()
    {
        var document = JsonDocument.Parse(await Client().GetStringAsync("/openapi/v1.json")).RootElement;

        var post = document.GetProperty("paths").GetProperty("/api/v1/declarations").GetProperty("post");
        Assert.Equal("SubmitDeclaration", post.GetProperty("operationId").GetString());
        Assert.True(post.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("400", out _));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var status = schemas.GetProperty("DeclarationStatus");
        Assert.Contains("in-review", status.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Contains("確認中 / In review", status.GetProperty("x-enum-descriptions").ToString());
        // Each slice's nested types get their own schema (not one "Command" shared with the inquiry intake).
        var command = schemas.GetProperty("SubmitDeclarationCommand");
        Assert.True(command.GetProperty("properties").TryGetProperty("agreements", out _));
        Assert.True(schemas.GetProperty("SubmitDeclarationResponse").GetProperty("properties").TryGetProperty("confirmationExpiresAt", out _));
        var address = schemas.GetProperty("SubmitDeclarationAddressInput");
        Assert.Contains("13", address.GetProperty("properties").GetProperty("prefectureCode").GetProperty("enum").EnumerateArray().Select(v => v.ToString()));
    }

    [Fact]
    public async Task The_form_lists_every_field_error_in_page_order_in_one_round_and_a_filled_honeypot_stores_nothing()
    {
        using var client = Client();
        var (html, formToken) = await OpenAsync(client, "/sengen/new");
        Assert.Contains("id=\"public-legend\"", html);
        var issuedAt = IssuedAt().Match(html).Groups[1].Value;
        await Task.Delay(1100); // the test host's minimum fill time

        var email = Infrastructure.Inquiries.UniqueEmail("sengen-form");
        var response = await PostFormAsync(client, "/sengen/new", formToken,
        [
            new("IssuedAt", issuedAt), new("Form.OrganizationNameKana", "カブシキガイシャテスト"), new("Form.CorporateNumber", "8000012050002"),
            new("Form.Email", email), new("Form.EmailConfirmation", "other@example.jp"), new("Form.Agreements", "purpose"),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        var start = page.IndexOf("id=\"error-summary\"", StringComparison.Ordinal);
        var summary = page[start..page.IndexOf("</ul>", start, StringComparison.Ordinal)];
        var anchors = SummaryLink().Matches(summary).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(
        [
            "OrganizationName", "OrganizationNameKana", "CorporateNumber", "Industry", "Employees", "PostalCode", "PrefectureCode",
            "LocalGovernmentCode", "AddressStreet", "RepresentativeName", "RepresentativeTitle", "FamilyName", "GivenName", "FamilyNameKana",
            "GivenNameKana", "EmailConfirmation", "Phone", "Items", "Agreement-publication", "Agreement-antisocial-forces", "Agreement-privacy",
        ], anchors);
        Assert.Contains("法人格", page);
        Assert.Contains("value=\"カブシキガイシャテスト\"", page);

        var bot = await PostFormAsync(client, "/sengen/new?handler=Send", formToken, [.. Valid(email), new("IssuedAt", issuedAt), new("Website", "http://spam")]);
        Assert.Equal(HttpStatusCode.Redirect, bot.StatusCode);
        Assert.Equal(0, await StoredForAsync(email));

        var sent = await PostFormAsync(client, "/sengen/new?handler=Send", formToken, [.. Valid(email), new("IssuedAt", issuedAt)]);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.EndsWith("/sengen/thanks", sent.Headers.Location!.OriginalString);
        var stored = await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.ContactEmail == email));
        Assert.Equal(DeclarationStatus.Unconfirmed, stored.Status);
        var submitted = await app.WithDbAsync(db => db.DeclarationEvents.SingleAsync(e => e.DeclarationId == stored.Id));
        Assert.Contains("web-form", submitted.Content);
    }

    private static IEnumerable<KeyValuePair<string, string>> Valid(string email)
    {
        var form = DeclarationForm.From(Infrastructure.Declarations.Content(email: email));
        return HiddenFields.Of(form, "Form");
    }

    [Fact]
    public async Task An_expired_confirmation_link_opens_nothing_and_the_cleanup_deletes_the_declaration_with_its_rows()
    {
        var email = Infrastructure.Inquiries.UniqueEmail("sengen-expired");
        var response = await PostApiAsync(Body(email));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var token = TokenIn(await PortalVisit.MailAsync(email, _ => true));
        var created = (await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == id))).CreatedAt;

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>();
        var links = scope.ServiceProvider.GetRequiredService<ConsultDesk.Mail.DeclarationLinks>();
        var clock = new FakeTimeProvider(new DateTimeOffset(created, TimeSpan.Zero));

        // The link works until the window ends and not a moment after.
        clock.Advance(Declaration.ConfirmationWindow - TimeSpan.FromSeconds(1));
        Assert.NotNull(await links.FindAsync(token, clock.GetUtcNow().UtcDateTime, default));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await links.FindAsync(token, clock.GetUtcNow().UtcDateTime, default));

        // The cleanup leaves it alone inside the window, deletes it (and its version, event and token) after it,
        // and a second run at the same time finds nothing left to do.
        var early = new FakeTimeProvider(new DateTimeOffset(created, TimeSpan.Zero) + Declaration.ConfirmationWindow - TimeSpan.FromMinutes(1));
        await new DeleteUnconfirmedDeclarations.Handler(db, early, NullLogger<DeleteUnconfirmedDeclarations.Handler>.Instance).Handle(new(), default);
        Assert.Equal(1, await StoredForAsync(email));

        var cleanup = new DeleteUnconfirmedDeclarations.Handler(db, clock, NullLogger<DeleteUnconfirmedDeclarations.Handler>.Instance);
        var runs = await Task.WhenAll(
            RunCleanupAsync(clock), RunCleanupAsync(clock));
        Assert.True(runs.Sum() >= 1);
        Assert.Equal(0, await StoredForAsync(email));
        Assert.Equal(0, await app.WithDbAsync(d => d.DeclarationVersions.CountAsync(v => v.DeclarationId == id)));
        Assert.Equal(0, await app.WithDbAsync(d => d.DeclarationEvents.CountAsync(e => e.DeclarationId == id)));
        Assert.Equal(0, await app.WithDbAsync(d => d.DeclarationTokens.CountAsync(t => t.DeclarationId == id)));
        Assert.Equal(0, await cleanup.Handle(new(), default));

        // The link in the mail now opens nothing, in words, with the way to a new link.
        var page = await Client().GetAsync($"/sengen/manage/{token}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("このリンクは無効か、有効期限が切れています。", html);
        Assert.Contains("href=\"/sengen/link\"", html);
    }

    private async Task<int> RunCleanupAsync(TimeProvider clock)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>();
        return await new DeleteUnconfirmedDeclarations.Handler(db, clock, NullLogger<DeleteUnconfirmedDeclarations.Handler>.Instance).Handle(new(), default);
    }

    [Fact]
    public async Task A_returned_declaration_shows_the_reason_and_is_resubmitted_from_the_prefilled_form()
    {
        var seeded = await Infrastructure.Declarations.SeedAsync(app, DeclarationStatus.Returned);
        var path = $"/sengen/manage/{seeded.ManageToken}";
        using var client = Client();

        var (html, formToken) = await OpenAsync(client, path);
        Assert.Contains(ManageModel.StatusWords(DeclarationStatus.Returned), html);
        Assert.Contains("テストのため差し戻します。", html);
        Assert.Contains("name=\"Form.OrganizationName\" type=\"text\" value=\"テスト宣言株式会社", html);

        var content = (await app.WithDbAsync(db => db.DeclarationVersions.SingleAsync(v => v.DeclarationId == seeded.Id))).ReadContent();
        var form = DeclarationForm.From(content);
        form.OrganizationName = "修正後の宣言株式会社";
        form.CorporateNumber = "8000012050002";
        var refused = await PostFormAsync(client, path + "?handler=Resubmit", formToken, HiddenFields.Of(form, "Form"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("検査数字", await refused.Content.ReadAsStringAsync());
        Assert.Equal(1, (await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == seeded.Id))).CurrentVersionNumber);

        form.CorporateNumber = content.CorporateNumber;
        var sent = await PostFormAsync(client, path + "?handler=Resubmit", formToken, HiddenFields.Of(form, "Form"));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var stored = await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == seeded.Id));
        Assert.Equal(DeclarationStatus.InReview, stored.Status);
        Assert.Equal(2, stored.CurrentVersionNumber);
        Assert.Equal("修正後の宣言株式会社", stored.OrganizationName);
        var latest = await app.WithDbAsync(db => db.DeclarationEvents.Where(e => e.DeclarationId == seeded.Id).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).FirstAsync());
        Assert.Equal("resubmitted", latest.Type);
    }

    [Fact]
    public async Task The_declarant_withdraws_after_a_confirmation_step_with_a_reason()
    {
        var seeded = await Infrastructure.Declarations.SeedAsync(app, DeclarationStatus.Accepted);
        var path = $"/sengen/manage/{seeded.ManageToken}";
        using var client = Client();
        var (html, formToken) = await OpenAsync(client, path);
        Assert.Contains(Declaration.FormatNumber(seeded.Number!.Value), html);
        Assert.Contains($"href=\"/sengen/{seeded.Number}/certificate.pdf\"", html);
        Assert.Contains($"href=\"{path}/logo.svg\"", html);

        var step = await PostFormAsync(client, path + "?handler=Withdraw", formToken, []);
        Assert.Equal(HttpStatusCode.OK, step.StatusCode);
        Assert.Contains("id=\"sengen-withdraw-confirm\"", await step.Content.ReadAsStringAsync());
        Assert.Equal(DeclarationStatus.Accepted, (await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == seeded.Id))).Status);

        var done = await PostFormAsync(client, path + "?handler=Withdraw", formToken, [new("confirm", "true"), new("Reason", "事業を終了したため")]);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var stored = await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == seeded.Id));
        Assert.Equal(DeclarationStatus.Withdrawn, stored.Status);
        Assert.False(stored.Listed);
        var withdrawn = await app.WithDbAsync(db => db.DeclarationEvents.SingleAsync(e => e.DeclarationId == seeded.Id && e.Type == "withdrawn"));
        var recorded = JsonDocument.Parse(withdrawn.Content).RootElement;
        Assert.Equal("事業を終了したため", recorded.GetProperty("reason").GetString());
        Assert.Equal("declarant", recorded.GetProperty("by").GetString());
    }

    [Fact]
    public async Task A_pending_yearly_check_is_answered_with_no_changes()
    {
        var seeded = await Infrastructure.Declarations.SeedAsync(app, DeclarationStatus.Accepted);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>();
            var declaration = await db.Declarations.SingleAsync(d => d.Id == seeded.Id);
            db.DeclarationEvents.Add(declaration.CheckRequested(DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        var path = $"/sengen/manage/{seeded.ManageToken}";
        using var client = Client();
        var (html, formToken) = await OpenAsync(client, path);
        Assert.Contains("内容に変更はありません", html);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, path + "?handler=Check", formToken, [])).StatusCode);

        var stored = await app.WithDbAsync(db => db.Declarations.SingleAsync(d => d.Id == seeded.Id));
        Assert.Null(stored.CheckRequestedAt);
        Assert.NotNull(stored.LastCheckAnsweredAt);
        Assert.Equal(HttpStatusCode.Conflict, (await PostFormAsync(client, path + "?handler=Check", formToken, [])).StatusCode);
    }

    [Fact]
    public async Task A_fresh_link_is_mailed_to_a_known_contact_and_the_answer_is_the_same_for_a_stranger()
    {
        var seeded = await Infrastructure.Declarations.SeedAsync(app, DeclarationStatus.InReview);
        var stranger = Infrastructure.Inquiries.UniqueEmail("sengen-stranger");
        using var client = Client();

        var (_, formToken) = await OpenAsync(client, "/sengen/link");
        var known = await PostFormAsync(client, "/sengen/link", formToken, [new("email", seeded.ContactEmail.ToUpperInvariant())]);
        var unknown = await PostFormAsync(client, "/sengen/link", formToken, [new("email", stranger)]);

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("新しいリンクをお送りしました", await known.Content.ReadAsStringAsync());
        Assert.Contains("新しいリンクをお送りしました", await unknown.Content.ReadAsStringAsync());
        var mail = await PortalVisit.MailAsync(seeded.ContactEmail, m => (m.Subject ?? "").Contains("宣言者ページへのリンク", StringComparison.Ordinal));
        var fresh = TokenIn(mail);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/sengen/manage/{fresh}")).StatusCode);
        // The fresh link replaces the earlier one.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/sengen/manage/{seeded.ManageToken}")).StatusCode);
        Assert.Empty(SmtpSink.MessagesTo([stranger]));
    }

    [GeneratedRegex(@"https?://\S+?/sengen/manage/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])")]
    private static partial Regex ManageLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("name=\"IssuedAt\" value=\"([^\"]+)\"")]
    private static partial Regex IssuedAt();

    [GeneratedRegex("<a href=\"#f-([^\"]+)\">")]
    private static partial Regex SummaryLink();
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteDeclarationIntakeTests(SqliteApp app) : DeclarationIntakeTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresDeclarationIntakeTests(PostgresApp app) : DeclarationIntakeTests(app);
