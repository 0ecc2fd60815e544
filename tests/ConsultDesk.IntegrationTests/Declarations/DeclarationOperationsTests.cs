using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ConsultDesk.Data;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Features.Declarations;
using ConsultDesk.IntegrationTests.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ConsultDesk.IntegrationTests.Declarations;

/// <summary>
/// An app of its own for what the office runs around declarations: a clock the tests move (the yearly check), items
/// the tests edit (the shared app's form must keep the seeded ones) and reports that count every declaration.
/// </summary>
public abstract class DeclarationOperationsApp(string provider) : ConsultDeskAppFactory(provider)
{
    /// <summary>Starts 2027-01-11 00:00 UTC and only moves forward.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 1, 11, 0, 0, 0, TimeSpan.Zero));

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    /// <summary>One sweep of the yearly check, as the job sends it (no HTTP request: the system).</summary>
    public async Task<RunDeclarationChecks.Response> SweepAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RunDeclarationChecks.Command());
    }
}

public sealed class DeclarationOperationsSqliteApp() : DeclarationOperationsApp("Sqlite");

public sealed class DeclarationOperationsPostgresApp() : DeclarationOperationsApp("Postgres");

[CollectionDefinition(Name)]
public sealed class DeclarationOperationsSqliteCollection : ICollectionFixture<DeclarationOperationsSqliteApp>
{
    public const string Name = "declaration operations on SQLite";
}

[CollectionDefinition(Name)]
public sealed class DeclarationOperationsPostgresCollection : ICollectionFixture<DeclarationOperationsPostgresApp>
{
    public const string Name = "declaration operations on PostgreSQL";
}

/// <summary>The yearly check: one mail per due declaration and check, 要確認 after 60 unanswered days, never unpublished.</summary>
public abstract class DeclarationYearlyCheckTests(DeclarationOperationsApp app)
{
    private Task<List<ConsultDesk.Domain.OutboxMail>> CheckMailsAsync(string email) =>
        app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(o => o.ToAddress == email && o.Kind == RunDeclarationChecks.CheckKind).ToListAsync());

    private Task<Declaration> ReadAsync(Guid id) => app.WithDbAsync(db => db.Declarations.AsNoTracking().SingleAsync(d => d.Id == id));

    private Task<int> EventsAsync(Guid id, string type) =>
        app.WithDbAsync(db => db.DeclarationEvents.CountAsync(e => e.DeclarationId == id && e.Type == type));

    [Fact]
    public async Task Two_sweeps_at_once_send_exactly_one_check_mail_per_due_declaration_and_none_before_due_or_after_withdrawal()
    {
        var yearAgo = app.Now.AddDays(-366);
        var due = new List<Infrastructure.Declarations.Seeded>();
        for (var i = 0; i < 6; i++) due.Add(await Infrastructure.Declarations.SeedAsync(app, nowUtc: yearAgo));
        var notYet = await Infrastructure.Declarations.SeedAsync(app, nowUtc: app.Now.AddDays(-364));
        var withdrawn = await Infrastructure.Declarations.SeedAsync(app, DeclarationStatus.Withdrawn, nowUtc: yearAgo);
        var returned = await Infrastructure.Declarations.SeedAsync(app, DeclarationStatus.Returned, nowUtc: yearAgo);

        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(app.SweepAsync)));
        await app.SweepAsync();

        foreach (var seeded in due)
        {
            var mails = await CheckMailsAsync(seeded.ContactEmail);
            var mail = Assert.Single(mails);
            Assert.Null(mail.ListUnsubscribe);
            Assert.Contains(Declaration.FormatNumber(seeded.Number!.Value), mail.Subject);
            Assert.Contains("/sengen/manage/", mail.TextBody);
            // Answer by: 60 days after the sweep, in Japan time (00:00 UTC = 09:00 JST).
            Assert.Contains(ConsultDesk.Mail.InquirerMail.JapanTime(app.Now.AddDays(60), english: false), mail.TextBody);
            var declaration = await ReadAsync(seeded.Id);
            Assert.Equal(app.Now, declaration.CheckRequestedAt);
            Assert.Equal(app.Now.AddDays(365), declaration.NextCheckDueAt);
            Assert.Equal(1, await EventsAsync(seeded.Id, "check-requested"));
        }
        Assert.Empty(await CheckMailsAsync(notYet.ContactEmail));
        Assert.Empty(await CheckMailsAsync(withdrawn.ContactEmail));
        Assert.Empty(await CheckMailsAsync(returned.ContactEmail));
        Assert.Null((await ReadAsync(notYet.Id)).CheckRequestedAt);
    }

    [Fact]
    public async Task A_check_unanswered_for_60_days_is_flagged_once_and_the_declaration_stays_listed()
    {
        var seeded = await Infrastructure.Declarations.SeedAsync(app, nowUtc: app.Now.AddDays(-365));
        await app.SweepAsync();
        var requestedAt = app.Now;
        Assert.Single(await CheckMailsAsync(seeded.ContactEmail));

        app.Clock.Advance(TimeSpan.FromDays(60) - TimeSpan.FromMinutes(1));
        await app.SweepAsync();
        Assert.Null((await ReadAsync(seeded.Id)).NeedsAttentionSince);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(app.SweepAsync)));
        await app.SweepAsync();

        var declaration = await ReadAsync(seeded.Id);
        Assert.Equal(requestedAt.AddDays(60), declaration.NeedsAttentionSince);
        Assert.True(declaration.Listed);
        Assert.Equal(DeclarationStatus.Accepted, declaration.Status);
        Assert.Equal(requestedAt, declaration.CheckRequestedAt);
        Assert.Equal(1, await EventsAsync(seeded.Id, "needs-attention"));
        Assert.Single(await CheckMailsAsync(seeded.ContactEmail));
    }

    [Fact]
    public async Task The_check_mail_is_an_essential_template_admins_can_edit()
    {
        var entry = ConsultDesk.Mail.MailTemplateCatalog.Find(RunDeclarationChecks.CheckKind);
        Assert.NotNull(entry);
        Assert.True(entry.Essential);
        Assert.Contains(entry.Variables, v => v.Name == "answer_by");

        using var admin = await Staff.AdminAsync(app);
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/mail-templates");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("name").GetString() == RunDeclarationChecks.CheckKind);
    }
}

/// <summary>The admin editor of the form's items (/api/v1/declaration-items).</summary>
public abstract class DeclarationItemEditorTests(DeclarationOperationsApp app)
{
    private static async Task<JsonElement> ItemAsync(HttpClient client, string code, bool all = false)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/declaration-items" + (all ? "?all=true" : ""));
        return list.GetProperty("commitments").EnumerateArray().Concat(list.GetProperty("agreements").EnumerateArray())
            .Single(i => i.GetProperty("code").GetString() == code);
    }

    private static HttpRequestMessage Put(string code, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/declaration-items/{code}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    [Fact]
    public async Task An_admin_changes_a_label_and_the_form_source_shows_it_and_a_stale_version_is_refused()
    {
        using var admin = await Staff.AdminAsync(app);
        var before = await ItemAsync(admin, "3", all: true);
        var etag = $"\"{before.GetProperty("version").GetInt64()}\"";

        var saved = await admin.SendAsync(Put("3", new { labelJa = "地域プロジェクトへの参加・協働", labelEn = "Working with regional projects", descriptionJa = "自治体との協働を含みます。", isSample = false, sortOrder = 30, active = true }, etag));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.NotEqual(etag, saved.Headers.ETag?.Tag);

        using var anonymous = app.CreateClient();
        var shown = await ItemAsync(anonymous, "3");
        Assert.Equal("地域プロジェクトへの参加・協働", shown.GetProperty("labelJa").GetString());
        Assert.Equal("自治体との協働を含みます。", shown.GetProperty("descriptionJa").GetString());
        Assert.Equal("【3】", shown.GetProperty("marker").GetString());

        var stale = await admin.SendAsync(Put("3", new { labelJa = "上書きされてはいけない" }, etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("地域プロジェクトへの参加・協働", (await ItemAsync(anonymous, "3")).GetProperty("labelJa").GetString());
    }

    [Fact]
    public async Task Only_admins_list_inactive_items_and_change_items()
    {
        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        using (consultant)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await consultant.SendAsync(Put("1", new { labelJa = "変更" }))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await consultant.PostAsJsonAsync("/api/v1/declaration-items", new { kind = "commitment", labelJa = "追加" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await consultant.GetAsync("/api/v1/declaration-items?all=true")).StatusCode);
        }
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(Put("1", new { labelJa = "変更" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/declaration-items?all=true")).StatusCode);
        Assert.Equal("採用の優位性の確保・社員の離職防止", (await ItemAsync(anonymous, "1")).GetProperty("labelJa").GetString());

        using var page = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        Assert.NotEqual(HttpStatusCode.OK, (await page.GetAsync("/desk/admin/declaration-items")).StatusCode);
    }

    [Fact]
    public async Task A_code_cannot_be_changed_and_bad_fields_are_400s_with_their_paths()
    {
        using var admin = await Staff.AdminAsync(app);

        var renamed = await ErrorsAsync(await admin.SendAsync(Put("2", new { code = "9", labelJa = "地方人材の採用・育成" })));
        Assert.True(renamed.TryGetProperty("code", out _), renamed.ToString());
        Assert.Equal("2", (await ItemAsync(admin, "2", all: true)).GetProperty("code").GetString());

        var empty = await ErrorsAsync(await admin.SendAsync(Put("2", new { labelJa = "", sortOrder = -1 })));
        Assert.True(empty.TryGetProperty("labelJa", out _), empty.ToString());
        Assert.True(empty.TryGetProperty("sortOrder", out _), empty.ToString());

        var badSlug = await ErrorsAsync(await admin.PostAsJsonAsync("/api/v1/declaration-items", new { kind = "agreement", code = "Bad Code", labelJa = "同意" }));
        Assert.True(badSlug.TryGetProperty("code", out _), badSlug.ToString());
        var taken = await ErrorsAsync(await admin.PostAsJsonAsync("/api/v1/declaration-items", new { kind = "agreement", code = "privacy", labelJa = "同意" }));
        Assert.True(taken.TryGetProperty("code", out _), taken.ToString());
        var noKind = await ErrorsAsync(await admin.PostAsJsonAsync("/api/v1/declaration-items", new { labelJa = "種類なし" }));
        Assert.True(noKind.TryGetProperty("kind", out _), noKind.ToString());
    }

    [Fact]
    public async Task A_new_commitment_item_takes_the_next_number_and_an_inactive_one_leaves_the_form()
    {
        using var admin = await Staff.AdminAsync(app);
        var all = await admin.GetFromJsonAsync<JsonElement>("/api/v1/declaration-items?all=true");
        var next = all.GetProperty("commitments").EnumerateArray().Max(i => int.Parse(i.GetProperty("code").GetString()!, System.Globalization.CultureInfo.InvariantCulture)) + 1;

        var created = await admin.PostAsJsonAsync("/api/v1/declaration-items", new { kind = "commitment", labelJa = "副業・兼業人材の受け入れ", labelEn = "Welcoming side-job talent", isSample = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = await created.Content.ReadFromJsonAsync<JsonElement>();
        var code = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(code, item.GetProperty("code").GetString());
        Assert.Equal($"【{code}】", item.GetProperty("marker").GetString());

        using var anonymous = app.CreateClient();
        Assert.True((await ItemAsync(anonymous, code)).GetProperty("isSample").GetBoolean());

        var hidden = await admin.SendAsync(Put(code, new { labelJa = "副業・兼業人材の受け入れ", active = false }));
        Assert.Equal(HttpStatusCode.OK, hidden.StatusCode);
        var form = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/declaration-items");
        Assert.DoesNotContain(form.GetProperty("commitments").EnumerateArray(), i => i.GetProperty("code").GetString() == code);
        Assert.False((await ItemAsync(admin, code, all: true)).GetProperty("active").GetBoolean());
    }
}

/// <summary>The item editor page as an admin uses it: cookie sign-in, forms posted with their anti-forgery token.</summary>
public abstract partial class DeclarationItemPageTests(DeclarationOperationsApp app)
{
    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex AntiForgery();

    private static string Token(string html) => AntiForgery().Match(html).Groups[1].Value;

    [Fact]
    public async Task An_admin_edits_an_item_on_the_page_and_an_empty_label_is_shown_as_a_field_error()
    {
        using var admin = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };
        var signIn = await admin.GetStringAsync("/signin");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/signin", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Token(signIn)), new("Email", ConsultDeskAppFactory.AdminEmail), new("Password", ConsultDeskAppFactory.AdminPassword)]))).StatusCode);

        var templates = await admin.GetStringAsync("/desk/admin/templates");
        Assert.Contains("href=\"/desk/admin/declaration-items\"", templates, StringComparison.Ordinal);
        var page = await admin.GetStringAsync("/desk/admin/declaration-items");
        Assert.Contains("【5】", page, StringComparison.Ordinal);
        var version = System.Text.RegularExpressions.Regex.Match(page, "name=\"code\" value=\"5\" />\\s*<input type=\"hidden\" name=\"version\" value=\"(\\d+)\"").Groups[1].Value;
        Assert.NotEmpty(version);

        KeyValuePair<string, string>[] Fields(string label) =>
            [new("__RequestVerificationToken", Token(page)), new("code", "5"), new("version", version), new("labelJa", label), new("labelEn", "Promoting workations"),
             new("descriptionJa", ""), new("descriptionEn", ""), new("sortOrder", "50"), new("active", "true")];
        var refused = await admin.PostAsync("/desk/admin/declaration-items?handler=Save", new FormUrlEncodedContent(Fields("")));
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("表示名（日本語）を入力してください。", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"item-5-labelJa-error\"", refusedHtml, StringComparison.Ordinal);

        var saved = await admin.PostAsync("/desk/admin/declaration-items?handler=Save", new FormUrlEncodedContent(Fields("ワーケーションの推進")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var anonymous = app.CreateClient();
        var form = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/declaration-items");
        var item = form.GetProperty("commitments").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "5");
        Assert.Equal("ワーケーションの推進", item.GetProperty("labelJa").GetString());
        Assert.False(item.GetProperty("isSample").GetBoolean());

        // The same form again carries the old version: refused, not overwritten.
        var stale = await admin.PostAsync("/desk/admin/declaration-items?handler=Save", new FormUrlEncodedContent(Fields("古い版からの保存")));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
    }
}

/// <summary>
/// The declarations report on declarations seeded in April–July 2024 (no other test of the app accepts any then),
/// against counts worked out by hand: months are Japan months, so 2024-05-01 00:30 JST (still April in UTC) is May.
/// </summary>
public abstract class DeclarationReportTests(DeclarationOperationsApp app)
{
    private const string Range = "from=2024-04-01&to=2024-06-30";
    private static readonly ConcurrentDictionary<DeclarationOperationsApp, Task> Seeded = new();

    private static DateTime Jst(int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(2024, month, day, hour, minute, 0, TimeSpan.FromHours(9)).UtcDateTime;

    private Task SeedOnceAsync() => Seeded.GetOrAdd(app, async a =>
    {
        await Infrastructure.Declarations.SeedAsync(a, content: Infrastructure.Declarations.Content(prefectureCode: "13", industry: "G", itemCodes: ["1", "3"]), nowUtc: Jst(4, 10, 10));
        await Infrastructure.Declarations.SeedAsync(a, content: Infrastructure.Declarations.Content(prefectureCode: "27", localGovernmentCode: "271004", industry: "E", itemCodes: ["1"]), nowUtc: Jst(4, 30, 23, 30));
        await Infrastructure.Declarations.SeedAsync(a, content: Infrastructure.Declarations.Content(prefectureCode: "13", industry: "G", itemCodes: ["2", "5"]), nowUtc: Jst(5, 1, 0, 30));
        await Infrastructure.Declarations.SeedAsync(a, DeclarationStatus.Withdrawn, Infrastructure.Declarations.Content(prefectureCode: "01", localGovernmentCode: "011002", industry: "G", itemCodes: ["1"]), Jst(5, 20, 15));
        // Outside the range, or never accepted: not counted.
        await Infrastructure.Declarations.SeedAsync(a, content: Infrastructure.Declarations.Content(prefectureCode: "13", industry: "G", itemCodes: ["1"]), nowUtc: Jst(7, 1, 0, 0));
        await Infrastructure.Declarations.SeedAsync(a, content: Infrastructure.Declarations.Content(prefectureCode: "13", industry: "G", itemCodes: ["1"]), nowUtc: Jst(3, 31, 23, 59));
        await Infrastructure.Declarations.SeedAsync(a, DeclarationStatus.Returned, Infrastructure.Declarations.Content(prefectureCode: "13", industry: "G", itemCodes: ["1"]), Jst(5, 10, 10));
    });

    [Fact]
    public async Task Accepted_declarations_are_counted_per_japan_month_prefecture_industry_and_item()
    {
        await SeedOnceAsync();
        var (manager, _) = await Staff.NewUserAsync(app, "manager");
        using var _m = manager;
        var report = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/reports/declarations?{Range}");

        Assert.Equal(4, report.GetProperty("total").GetInt32());
        Assert.Equal(1, report.GetProperty("withdrawn").GetInt32());
        var months = report.GetProperty("months").EnumerateArray()
            .Select(m => (m.GetProperty("month").GetString(), m.GetProperty("accepted").GetInt32(), m.GetProperty("withdrawn").GetInt32())).ToList();
        Assert.Equal([("2024-04-01", 2, 0), ("2024-05-01", 2, 1), ("2024-06-01", 0, 0)], months);

        var prefectures = report.GetProperty("prefectures").EnumerateArray().ToDictionary(p => p.GetProperty("code").GetString()!, p => p.GetProperty("accepted").GetInt32());
        Assert.Equal(47, prefectures.Count);
        Assert.Equal(2, prefectures["13"]);
        Assert.Equal(1, prefectures["27"]);
        Assert.Equal(1, prefectures["01"]);
        Assert.Equal(4, prefectures.Values.Sum());

        var industries = report.GetProperty("industries").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!, i => i.GetProperty("accepted").GetInt32());
        Assert.Equal(3, industries["G"]);
        Assert.Equal(1, industries["E"]);
        Assert.Equal(4, industries.Values.Sum());

        var items = report.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!, i => i.GetProperty("accepted").GetInt32());
        Assert.Equal(3, items["1"]);
        Assert.Equal(1, items["2"]);
        Assert.Equal(1, items["3"]);
        Assert.Equal(0, items["4"]);
        Assert.Equal(1, items["5"]);

        var (consultant, _) = await Staff.NewUserAsync(app, "consultant");
        using var _c = consultant;
        Assert.Equal(HttpStatusCode.Forbidden, (await consultant.GetAsync($"/api/v1/reports/declarations?{Range}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await consultant.GetAsync($"/api/v1/reports/declarations.csv?{Range}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/api/v1/reports/declarations?from=2024-07-01&to=2024-04-01")).StatusCode);
    }

    [Fact]
    public async Task The_declarations_csv_has_the_bom_and_escapes_an_item_label_that_reads_as_a_formula()
    {
        await SeedOnceAsync();
        using (var admin = await Staff.AdminAsync(app))
        {
            var created = await admin.PostAsJsonAsync("/api/v1/declaration-items", new { kind = "commitment", labelJa = "=HYPERLINK(\"http://evil.example\")" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var (manager, _) = await Staff.NewUserAsync(app, "manager");
        using var _m = manager;
        var response = await manager.GetAsync($"/api/v1/reports/declarations.csv?{Range}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("月,受理,うち取り下げ済み", lines[0]);
        Assert.Contains("2024-04,2,0", lines);
        Assert.Contains("2024-05,2,1", lines);
        Assert.Contains("13,東京都,2", lines);
        Assert.Contains("G,情報通信業,3", lines);
        Assert.Contains(lines, l => l.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", StringComparison.Ordinal) || l.Contains(",'=HYPERLINK", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(",=HYPERLINK", StringComparison.Ordinal) || l.Contains(",\"=HYPERLINK", StringComparison.Ordinal));
    }
}

[Collection(DeclarationOperationsSqliteCollection.Name)]
public sealed class SqliteDeclarationYearlyCheckTests(DeclarationOperationsSqliteApp app) : DeclarationYearlyCheckTests(app);

[Collection(DeclarationOperationsPostgresCollection.Name)]
public sealed class PostgresDeclarationYearlyCheckTests(DeclarationOperationsPostgresApp app) : DeclarationYearlyCheckTests(app);

[Collection(DeclarationOperationsSqliteCollection.Name)]
public sealed class SqliteDeclarationItemEditorTests(DeclarationOperationsSqliteApp app) : DeclarationItemEditorTests(app);

[Collection(DeclarationOperationsPostgresCollection.Name)]
public sealed class PostgresDeclarationItemEditorTests(DeclarationOperationsPostgresApp app) : DeclarationItemEditorTests(app);

[Collection(DeclarationOperationsSqliteCollection.Name)]
public sealed class SqliteDeclarationReportTests(DeclarationOperationsSqliteApp app) : DeclarationReportTests(app);

[Collection(DeclarationOperationsPostgresCollection.Name)]
public sealed class PostgresDeclarationReportTests(DeclarationOperationsPostgresApp app) : DeclarationReportTests(app);

[Collection(DeclarationOperationsSqliteCollection.Name)]
public sealed class SqliteDeclarationItemPageTests(DeclarationOperationsSqliteApp app) : DeclarationItemPageTests(app);

[Collection(DeclarationOperationsPostgresCollection.Name)]
public sealed class PostgresDeclarationItemPageTests(DeclarationOperationsPostgresApp app) : DeclarationItemPageTests(app);
