using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Users;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultDesk.IntegrationTests.Award;

/// <summary>Rounds administration, the staff views of entries with their timeline, and the CSV exports, through HTTP.</summary>
public abstract class AwardAdminTests(AwardApp app)
{
    /// <summary>API-created rounds use 2000–2099; the seeding helper's years start at 2100.</summary>
    private static int yearSerial = 2000;

    private static int NextYear() => Interlocked.Increment(ref yearSerial);

    private object Body(int year, DateTime? opens = null, object? categories = null, object? criteria = null, string title = "地方創生テレワークアワード")
    {
        var o = opens ?? app.Now.AddDays(2);
        return new
        {
            year, title,
            entryOpensAt = o, entryClosesAt = o.AddDays(30), judgingOpensAt = o.AddDays(31), judgingClosesAt = o.AddDays(50), publishAt = o.AddDays(60),
            mode = "blind", aggregation = "median", scaleMin = 1, scaleMax = 5, categories, criteria,
        };
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private async Task<JsonElement> CreateAsync(HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/award/rounds", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    [Fact]
    public async Task An_admin_creates_a_round_with_the_default_categories_and_criteria_and_JST_times()
    {
        using var admin = await Staff.AdminAsync(app);
        var opens = new DateTime(2027, 3, 10, 0, 0, 0, DateTimeKind.Utc);
        var response = await admin.PostAsJsonAsync("/api/v1/award/rounds", Body(NextYear(), opens));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"v1\"", response.Headers.ETag?.Tag);
        var round = await JsonAsync(response);
        Assert.Equal("2027-03-10T09:00:00+09:00", round.GetProperty("entryOpensAt").GetString());
        Assert.Equal("setup", round.GetProperty("phase").GetString());
        Assert.False(round.GetProperty("locked").GetBoolean());
        Assert.Equal("median", round.GetProperty("aggregation").GetString());
        Assert.Equal(AwardDefaults.Categories.Select(c => c.Code), round.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.True(round.GetProperty("categories")[3].GetProperty("forPartnerMunicipality").GetBoolean());
        Assert.Equal(AwardDefaults.Criteria.Select(c => c.Code), round.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.All(round.GetProperty("criteria").EnumerateArray(), c => Assert.Equal(1m, c.GetProperty("weight").GetDecimal()));

        var id = round.GetProperty("id").GetGuid();
        var events = await app.WithDbAsync(db => db.AwardEvents.Where(e => e.RoundId == id).ToListAsync());
        var created = Assert.Single(events);
        Assert.Equal("round-created", created.Type);
        Assert.Null(created.EntryId);
        Assert.NotNull(created.ActorId);

        var list = await JsonAsync(await admin.GetAsync("/api/v1/award/rounds"));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id && r.GetProperty("entries").GetInt32() == 0);
    }

    [Fact]
    public async Task A_second_round_for_the_same_year_is_a_409()
    {
        using var admin = await Staff.AdminAsync(app);
        var year = NextYear();
        await CreateAsync(admin, Body(year));
        var again = await admin.PostAsJsonAsync("/api/v1/award/rounds", Body(year));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(year.ToString(System.Globalization.CultureInfo.InvariantCulture), (await JsonAsync(again)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Invalid_settings_are_a_400_with_a_field_error_on_each_bad_field()
    {
        using var admin = await Staff.AdminAsync(app);
        var opens = app.Now.AddDays(2);
        var response = await admin.PostAsJsonAsync("/api/v1/award/rounds", new
        {
            year = 1999, title = " ",
            entryOpensAt = opens, entryClosesAt = opens.AddDays(-1), judgingOpensAt = opens.AddDays(31), judgingClosesAt = opens.AddDays(50), publishAt = opens.AddDays(60),
            mode = "blind", aggregation = "mean", scaleMin = 5, scaleMax = 5,
            categories = new[]
            {
                new { code = "same", nameJa = "部門A", nameEn = "A", forPartnerMunicipality = false },
                new { code = "same", nameJa = "部門B", nameEn = "B", forPartnerMunicipality = false },
                new { code = "Not A Slug", nameJa = "", nameEn = "C", forPartnerMunicipality = false },
            },
            criteria = new[] { new { code = "impact", nameJa = "効果", nameEn = "Effect", weight = 0m }, new { code = "spread", nameJa = "波及性", nameEn = "Spread", weight = 101m } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        foreach (var field in new[] { "year", "title", "entryClosesAt", "scaleMax", "categories", "categories[2].code", "categories[2].nameJa", "criteria[0].weight", "criteria[1].weight" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error on {field}: {errors}");

        var tooMany = await admin.PostAsJsonAsync("/api/v1/award/rounds", Body(NextYear(),
            criteria: Enumerable.Range(1, 11).Select(i => new { code = $"c{i}", nameJa = $"項目{i}", nameEn = $"C{i}", weight = 1m }).ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.True((await JsonAsync(tooMany)).GetProperty("errors").TryGetProperty("criteria", out _));

        var english = new HttpRequestMessage(HttpMethod.Post, "/api/v1/award/rounds") { Content = JsonContent.Create(Body(3000)) };
        english.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var englishResponse = await admin.SendAsync(english);
        Assert.Equal(HttpStatusCode.BadRequest, englishResponse.StatusCode);
        Assert.Contains("2000 to 2999", (await JsonAsync(englishResponse)).GetProperty("errors").GetProperty("year")[0].GetString());
    }

    [Fact]
    public async Task A_change_replaces_categories_and_criteria_and_a_stale_If_Match_is_a_412()
    {
        using var admin = await Staff.AdminAsync(app);
        var year = NextYear();
        var round = await CreateAsync(admin, Body(year));
        var id = round.GetProperty("id").GetGuid();
        var read = await admin.GetAsync($"/api/v1/award/rounds/{id}");
        var etag = read.Headers.ETag!.Tag;

        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/award/rounds/{id}")
        {
            Content = JsonContent.Create(Body(year, title: "第1回 改", categories: new[]
            {
                new { code = "regional-projects", nameJa = "地域課題解決プロジェクト参画", nameEn = "Regional projects", forPartnerMunicipality = false },
                new { code = "partner", nameJa = "連携パートナー賞", nameEn = "Partner award", forPartnerMunicipality = true },
            }, criteria: new[] { new { code = "impact", nameJa = "効果", nameEn = "Effect", weight = 2.5m }, new { code = "growth", nameJa = "発展性", nameEn = "Growth", weight = 1m } })),
        };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        var changed = await admin.SendAsync(put);
        Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        Assert.NotEqual(etag, changed.Headers.ETag!.Tag);
        var model = await JsonAsync(changed);
        Assert.Equal("第1回 改", model.GetProperty("title").GetString());
        Assert.Equal(["regional-projects", "partner"], model.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.Equal(2.5m, model.GetProperty("criteria")[0].GetProperty("weight").GetDecimal());
        Assert.Equal(2, await app.WithDbAsync(db => db.AwardCriteria.CountAsync(c => c.RoundId == id)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AwardEvents.CountAsync(e => e.RoundId == id && e.Type == "round-changed")));

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/award/rounds/{id}") { Content = JsonContent.Create(Body(year, title: "古い版から")) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.SendAsync(stale)).StatusCode);
        Assert.Equal("第1回 改", (await JsonAsync(await admin.GetAsync($"/api/v1/award/rounds/{id}"))).GetProperty("round").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Settings_lock_when_the_entry_window_opens_and_a_change_is_then_a_409()
    {
        HttpClient admin = await Staff.AdminAsync(app);
        var year = NextYear();
        var round = await CreateAsync(admin, Body(year, opens: app.Now.AddHours(1)));
        var id = round.GetProperty("id").GetGuid();
        admin.Dispose();

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        admin = await Staff.AdminAsync(app);
        var before = await admin.PutAsJsonAsync($"/api/v1/award/rounds/{id}", Body(year, opens: round.GetProperty("entryOpensAt").GetDateTimeOffset().UtcDateTime, title: "直前の変更"));
        Assert.True(before.StatusCode == HttpStatusCode.OK, await before.Content.ReadAsStringAsync());

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = await admin.PutAsJsonAsync($"/api/v1/award/rounds/{id}", Body(year, opens: round.GetProperty("entryOpensAt").GetDateTimeOffset().UtcDateTime, title: "開始後の変更"));
        Assert.Equal(HttpStatusCode.Conflict, after.StatusCode);
        Assert.Equal("award-round-locked", (await JsonAsync(after)).GetProperty("code").GetString());
        var read = (await JsonAsync(await admin.GetAsync($"/api/v1/award/rounds/{id}"))).GetProperty("round");
        Assert.True(read.GetProperty("locked").GetBoolean());
        Assert.Equal("entry-open", read.GetProperty("phase").GetString());
        Assert.Equal("直前の変更", read.GetProperty("title").GetString());
        admin.Dispose();
    }

    [Fact]
    public async Task Managers_read_rounds_and_entries_but_cannot_write_or_export_and_consultants_and_judges_get_403()
    {
        using var admin = await Staff.AdminAsync(app);
        var year = NextYear();
        var id = (await CreateAsync(admin, Body(year))).GetProperty("id").GetGuid();
        var (manager, _) = await Staff.NewUserAsync(app, Roles.Manager);
        var (consultant, _) = await Staff.NewUserAsync(app, Roles.Consultant);
        var (judge, _) = await Awards.NewJudgeAsync(app);
        using (manager)
        using (consultant)
        using (judge)
        {
            Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/award/rounds")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/award/rounds/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/award/rounds/{id}/entries")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/v1/award/rounds", Body(NextYear()))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await manager.PutAsJsonAsync($"/api/v1/award/rounds/{id}", Body(year))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/api/v1/award/rounds/{id}/entries.csv")).StatusCode);
            foreach (var client in new[] { consultant, judge })
            {
                foreach (var path in new[] { "/api/v1/award/rounds", $"/api/v1/award/rounds/{id}", $"/api/v1/award/rounds/{id}/entries",
                             $"/api/v1/award/rounds/{id}/entries.csv", $"/api/v1/award/rounds/{id}/scores.csv" })
                    Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
                Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/award/rounds", Body(NextYear()))).StatusCode);
            }
        }
    }

    private async Task<(Awards.SeededRound Round, Guid Formula, Guid Plain, Guid JudgeId, string JudgeName)> SeedScoredRoundAsync()
    {
        var round = await Awards.SeedRoundAsync(app, AwardPhase.Deciding, app.Now);
        var first = await Infrastructure.Declarations.SeedAsync(app, nowUtc: app.Now.AddDays(-200));
        var second = await Infrastructure.Declarations.SeedAsync(app, nowUtc: app.Now.AddDays(-200));
        var formula = await Awards.SeedEntryAsync(app, round, first.Id, "=数式株式会社", title: "=HYPERLINK(\"http://evil.example\",\"x\")");
        var plain = await Awards.SeedEntryAsync(app, round, second.Id, "普通株式会社", partnerMunicipalityCode: "011002", categoryCode: "promotion-support");
        var judgeName = $"審査 花子{Guid.NewGuid().ToString("N")[..4]}";
        var (judge, judgeId) = await Awards.NewJudgeAsync(app, judgeName);
        judge.Dispose();
        foreach (var entry in new[] { formula, plain })
        {
            var assignmentId = await Awards.AssignAsync(app, round, entry, judgeId, declareNoConflict: true);
            await app.WithDbAsync(async db =>
            {
                var assignment = await db.AwardAssignments.SingleAsync(a => a.Id == assignmentId);
                var value = 1;
                foreach (var criterion in round.Criteria.Values)
                    db.AwardScores.Add(AwardScore.Create(assignment, criterion, value++, "=1+1 コメント", 2, round.Windows.JudgingOpensAt.AddHours(1)));
                await db.SaveChangesAsync();
                return 0;
            });
        }
        return (round, formula, plain, judgeId, judgeName);
    }

    private static List<string> Lines(byte[] bytes)
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        return [.. text[..^2].Split("\r\n")];
    }

    [Fact]
    public async Task The_exports_are_Excel_ready_CSV_with_one_row_per_entry_and_per_score_and_formulas_escaped()
    {
        var (round, formula, plain, _, judgeName) = await SeedScoredRoundAsync();
        using var admin = await Staff.AdminAsync(app);

        var entries = await admin.GetAsync($"/api/v1/award/rounds/{round.Id}/entries.csv");
        Assert.Equal(HttpStatusCode.OK, entries.StatusCode);
        Assert.Equal("text/csv", entries.Content.Headers.ContentType?.MediaType);
        var lines = Lines(await entries.Content.ReadAsByteArrayAsync());
        Assert.Equal(3, lines.Count);
        Assert.StartsWith("年度,応募ID,部門コード,部門,状態,団体名", lines[0], StringComparison.Ordinal);
        Assert.Contains("地域と自社への効果 (impact)", lines[0], StringComparison.Ordinal);
        var formulaLine = Assert.Single(lines, l => l.Contains(formula.ToString(), StringComparison.Ordinal));
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", formulaLine, StringComparison.Ordinal);
        Assert.Contains("'=数式株式会社", formulaLine, StringComparison.Ordinal);
        Assert.Contains("012025,北海道 函館市", formulaLine, StringComparison.Ordinal);
        Assert.Contains("提出済み", formulaLine, StringComparison.Ordinal);
        var plainLine = Assert.Single(lines, l => l.Contains(plain.ToString(), StringComparison.Ordinal));
        Assert.Contains("promotion-support,地方創生テレワーク促進支援", plainLine, StringComparison.Ordinal);
        Assert.Contains("011002,北海道 札幌市", plainLine, StringComparison.Ordinal);

        var scores = await admin.GetAsync($"/api/v1/award/rounds/{round.Id}/scores.csv");
        Assert.Equal(HttpStatusCode.OK, scores.StatusCode);
        var scoreLines = Lines(await scores.Content.ReadAsByteArrayAsync());
        Assert.Equal(1 + 2 * round.Criteria.Count, scoreLines.Count);
        Assert.StartsWith("応募ID,取組名,部門コード,部門,審査員,評価項目コード", scoreLines[0], StringComparison.Ordinal);
        Assert.All(scoreLines.Skip(1), l => Assert.Contains($",{judgeName},", l, StringComparison.Ordinal));
        Assert.All(scoreLines.Skip(1), l => Assert.Contains(",\"'=1+1 コメント\",", l, StringComparison.Ordinal));
        Assert.Contains(scoreLines, l => l.Contains(formula.ToString(), StringComparison.Ordinal) && l.Contains("\"'=HYPERLINK(", StringComparison.Ordinal));

        // An empty round: the header only.
        var empty = await Awards.SeedRoundAsync(app, AwardPhase.Setup, app.Now);
        Assert.Single(Lines(await admin.GetByteArrayAsync($"/api/v1/award/rounds/{empty.Id}/scores.csv")));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/award/rounds/{Guid.NewGuid()}/entries.csv")).StatusCode);
    }

    [Fact]
    public async Task The_entry_list_detail_and_timeline_show_names_from_the_code_master_and_who_did_what()
    {
        var (round, formula, plain, judgeId, judgeName) = await SeedScoredRoundAsync();
        using var admin = await Staff.AdminAsync(app);
        var adminId = (await JsonAsync(await admin.GetAsync("/api/v1/users/me"))).GetProperty("id").GetGuid();
        var at = round.Windows.EntryOpensAt;
        await app.WithDbAsync(async db =>
        {
            db.AwardEvents.AddRange(
                AwardEvent.Create(round.Id, formula, null, "entry-submitted", at.AddHours(2), null),
                AwardEvent.Create(round.Id, formula, null, "assigned", round.Windows.EntryClosesAt, adminId, new { judgeId }),
                AwardEvent.Create(round.Id, formula, null, "no-conflict", round.Windows.JudgingOpensAt, judgeId),
                AwardEvent.Create(round.Id, formula, null, "score-set", round.Windows.JudgingOpensAt.AddHours(1), judgeId, new { criterion = "impact", value = 4 }),
                AwardEvent.Create(round.Id, plain, null, "entry-submitted", at.AddHours(3), null));
            await db.SaveChangesAsync();
            return 0;
        });

        var timeline = (await JsonAsync(await admin.GetAsync($"/api/v1/award/entries/{formula}/timeline"))).GetProperty("events");
        Assert.Equal(["entry-submitted", "assigned", "no-conflict", "score-set"], timeline.EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(JsonValueKind.Null, timeline[0].GetProperty("actor").ValueKind);
        Assert.Equal(adminId, timeline[1].GetProperty("actor").GetProperty("id").GetGuid());
        Assert.Equal(judgeName, timeline[2].GetProperty("actor").GetProperty("displayName").GetString());
        Assert.Equal(4, timeline[3].GetProperty("content").GetProperty("value").GetInt32());
        Assert.EndsWith("+09:00", timeline[3].GetProperty("at").GetString(), StringComparison.Ordinal);

        var entry = await JsonAsync(await admin.GetAsync($"/api/v1/award/entries/{formula}"));
        Assert.Equal("北海道 函館市", entry.GetProperty("partnerMunicipalityName").GetString());
        Assert.Equal(round.Criteria.Count, entry.GetProperty("answers").GetArrayLength());
        Assert.Equal("impact", entry.GetProperty("answers")[0].GetProperty("criterionCode").GetString());
        Assert.Equal(judgeName, entry.GetProperty("assignments")[0].GetProperty("judgeName").GetString());
        Assert.Equal("no-conflict", entry.GetProperty("assignments")[0].GetProperty("conflict").GetString());

        var all = await JsonAsync(await admin.GetAsync($"/api/v1/award/rounds/{round.Id}/entries?limit=1"));
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        Assert.Single(all.GetProperty("items").EnumerateArray());
        var next = await JsonAsync(await admin.GetAsync($"/api/v1/award/rounds/{round.Id}/entries?limit=1&cursor={all.GetProperty("nextCursor").GetString()}"));
        Assert.NotEqual(all.GetProperty("items")[0].GetProperty("id").GetGuid(), next.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, next.GetProperty("nextCursor").ValueKind);

        var promotion = await JsonAsync(await admin.GetAsync($"/api/v1/award/rounds/{round.Id}/entries?category=promotion-support&status=submitted"));
        var item = Assert.Single(promotion.GetProperty("items").EnumerateArray());
        Assert.Equal(plain, item.GetProperty("id").GetGuid());
        Assert.Equal("北海道 札幌市", item.GetProperty("partnerMunicipalityName").GetString());
        Assert.Equal(0, (await JsonAsync(await admin.GetAsync($"/api/v1/award/rounds/{round.Id}/entries?status=draft"))).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/v1/award/rounds/{round.Id}/entries?status=nonsense")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/award/entries/{Guid.NewGuid()}/timeline")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_award_endpoints_and_code_lists_with_labels()
    {
        using var client = app.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths");
        Assert.Equal("UpdateAwardRound", paths.GetProperty("/api/v1/award/rounds/{id}").GetProperty("put").GetProperty("operationId").GetString());
        Assert.True(paths.TryGetProperty("/api/v1/award/entries/{id}/timeline", out _));
        Assert.True(paths.TryGetProperty("/api/v1/award/rounds/{id}/scores.csv", out _));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var (name, value, label) in new[]
        {
            ("JudgingMode", "blind", "ブラインド審査"), ("ScoreAggregation", "median", "中央値 / Median"), ("AwardEntrantKind", "municipality", "自治体 / Municipality"),
            ("AwardEntryStatus", "submitted", "提出済み / Submitted"), ("ConflictStatus", "no-conflict", "利益相反なし / No conflict"), ("AwardPhase", "entry-open", "応募受付中 / Entries open"),
        })
        {
            var schema = schemas.GetProperty(name);
            Assert.Contains(value, schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
            Assert.Contains(label, schema.GetProperty("x-enum-descriptions").ToString(), StringComparison.Ordinal);
        }
    }

    private static string Token(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };
        var form = await client.GetStringAsync("/signin");
        var signedIn = await client.PostAsync("/signin", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Token(form)), new("Email", email), new("Password", password)]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    /// <summary>Every named field of the page's form with its value (inputs, selected options, checked boxes), as a browser would post it.</summary>
    private static List<KeyValuePair<string, string>> FormFields(string html, string formId)
    {
        var start = html.IndexOf($"id=\"{formId}\"", StringComparison.Ordinal);
        var form = html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)];
        // The form's own anti-forgery token: a form without one is refused, whatever other form the page holds.
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Token(form)) };
        foreach (System.Text.RegularExpressions.Match input in System.Text.RegularExpressions.Regex.Matches(form, "<input [^>]*>"))
        {
            var tag = input.Value;
            var name = System.Text.RegularExpressions.Regex.Match(tag, "name=\"([^\"]+)\"").Groups[1].Value;
            var value = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(tag, "value=\"([^\"]*)\"").Groups[1].Value);
            if (name.Length == 0 || name == "__RequestVerificationToken") continue;
            if (tag.Contains("type=\"checkbox\"", StringComparison.Ordinal) && !tag.Contains("checked", StringComparison.Ordinal)) continue;
            fields.Add(new(name, value));
        }
        foreach (System.Text.RegularExpressions.Match select in System.Text.RegularExpressions.Regex.Matches(form, "<select [^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", System.Text.RegularExpressions.RegexOptions.Singleline))
        {
            var selected = System.Text.RegularExpressions.Regex.Match(select.Groups[2].Value, "<option value=\"([^\"]*)\" selected");
            fields.Add(new(select.Groups[1].Value, selected.Success ? selected.Groups[1].Value : ""));
        }
        return fields;
    }

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> fields, params (string Name, string Value)[] changes)
    {
        var result = fields.Where(f => !changes.Any(c => c.Name == f.Key)).ToList();
        result.AddRange(changes.Select(c => new KeyValuePair<string, string>(c.Name, c.Value)));
        return result;
    }

    [Fact]
    public async Task The_desk_pages_create_edit_with_rows_added_without_JavaScript_and_show_a_locked_round_read_only()
    {
        using var client = await SignedInAsync(ConsultDeskAppFactory.AdminEmail, ConsultDeskAppFactory.AdminPassword);
        // No menu item (the staff menu must stay on one line at 1440 px): the declarations page links to the award.
        Assert.Contains("href=\"/desk/award\" id=\"award-nav-link\"", await client.GetStringAsync("/desk/declarations"), StringComparison.Ordinal);
        var index = await client.GetStringAsync("/desk/award");
        var year = NextYear();
        var opens = RoundForm(app.Now.AddHours(2));
        var created = await client.PostAsync("/desk/award", new FormUrlEncodedContent(With(FormFields(index, "award-round-new"),
            ("Form.Year", year.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Form.Title", "画面から作成した回"), ("Form.EntryOpensAt", opens))));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var path = created.Headers.Location!.OriginalString;
        var id = Guid.Parse(path["/desk/award/".Length..]);

        var editor = await client.GetStringAsync(path);
        Assert.Contains("id=\"cat-3-code\"", editor, StringComparison.Ordinal);
        Assert.Contains($"href=\"/desk/award/{id}/entries.csv\"", editor, StringComparison.Ordinal);
        Assert.Contains($"href=\"/desk/award/{id}/judging\"", editor, StringComparison.Ordinal);
        var added = await client.PostAsync(path, new FormUrlEncodedContent(With(FormFields(editor, "award-round-settings"), ("command", "add-criterion"))));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var withRow = await added.Content.ReadAsStringAsync();
        Assert.Contains("id=\"crit-4-code\"", withRow, StringComparison.Ordinal);

        var bad = await client.PostAsync(path, new FormUrlEncodedContent(With(FormFields(withRow, "award-round-settings"),
            ("command", "save"), ("Form.Criteria[4].Code", "Bad Code"), ("Form.Criteria[4].NameJa", "地域性"), ("Form.Criteria[4].NameEn", "Locality"), ("Form.Criteria[4].Weight", "abc"))));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("id=\"crit-4-code\" name=\"Form.Criteria[4].Code\" type=\"text\" maxlength=\"40\" value=\"Bad Code\"", badHtml, StringComparison.Ordinal);
        Assert.Contains("重みは0より大きく100以下", badHtml, StringComparison.Ordinal);

        var saved = await client.PostAsync(path, new FormUrlEncodedContent(With(FormFields(badHtml, "award-round-settings"),
            ("command", "save"), ("Form.Criteria[4].Code", "locality"), ("Form.Criteria[4].Weight", "0.5"))));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var criteria = await app.WithDbAsync(db => db.AwardCriteria.Where(c => c.RoundId == id).OrderBy(c => c.Order).ToListAsync());
        Assert.Equal(["impact", "spread", "public-private", "growth", "locality"], criteria.Select(c => c.Code));
        Assert.Equal(0.5m, criteria[4].Weight);

        var (manager, _) = await Staff.NewUserAsync(app, Roles.Manager);
        manager.Dispose();
        var (judge, _) = await Awards.NewJudgeAsync(app);
        judge.Dispose();

        app.Clock.Advance(TimeSpan.FromHours(3));
        using var admin = await SignedInAsync(ConsultDeskAppFactory.AdminEmail, ConsultDeskAppFactory.AdminPassword);
        var locked = await admin.GetStringAsync(path);
        Assert.Contains("id=\"award-round-locked\"", locked, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"award-round-settings\"", locked, StringComparison.Ordinal);
        var refused = await admin.PostAsync(path, new FormUrlEncodedContent(With(FormFields(editor, "award-round-settings"), ("__RequestVerificationToken", Token(locked)), ("command", "save"))));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("応募受付が始まった回の設定は変更できません", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string RoundForm(DateTime utc) =>
        Domain.Calendar.JapanTime.FromUtc(utc).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Judges_and_consultants_are_refused_the_desk_pages_and_managers_see_them_without_the_editor_or_exports()
    {
        using var admin = await Staff.AdminAsync(app);
        var id = (await CreateAsync(admin, Body(NextYear()))).GetProperty("id").GetGuid();
        foreach (var role in new[] { Roles.Judge, Roles.Consultant, Roles.Manager })
        {
            var email = $"{role}-{Guid.NewGuid():N}@consultdesk.test";
            (await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = $"{role} 次郎", password = "Staff-Password-2026", roles = new[] { role } })).EnsureSuccessStatusCode();
            using var client = await SignedInAsync(email, "Staff-Password-2026");
            var page = await client.GetAsync($"/desk/award/{id}");
            var csv = await client.GetAsync($"/desk/award/{id}/entries.csv");
            if (role == Roles.Manager)
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                var html = await page.Content.ReadAsStringAsync();
                Assert.DoesNotContain("id=\"award-round-settings\"", html, StringComparison.Ordinal);
                Assert.DoesNotContain("entries.csv", html, StringComparison.Ordinal);
                Assert.Contains("href=\"/desk/award\" id=\"award-nav-link\"", await client.GetStringAsync("/desk/declarations"), StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
            }
            else
            {
                Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
                Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/desk/award")).StatusCode);
                Assert.NotEqual(HttpStatusCode.OK, csv.StatusCode);
                if (role == Roles.Consultant) Assert.DoesNotContain("href=\"/desk/award\"", await client.GetStringAsync("/desk/declarations"), StringComparison.Ordinal);
            }
        }
    }
}

[Collection(AwardSqliteCollection.Name)]
public sealed class SqliteAwardAdminTests(AwardSqliteApp app) : AwardAdminTests(app);

[Collection(AwardPostgresCollection.Name)]
public sealed class PostgresAwardAdminTests(AwardPostgresApp app) : AwardAdminTests(app);
