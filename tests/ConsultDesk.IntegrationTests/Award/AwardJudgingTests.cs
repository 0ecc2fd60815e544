using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Award;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultDesk.IntegrationTests.Award;

/// <summary>
/// Judging end to end through HTTP: assignments, the conflict-of-interest gate, blind mode, hidden scores and
/// totals, the judging window's last tick, the even spread, and the judge kept out of the desk.
/// </summary>
public abstract partial class AwardJudgingTests(AwardApp app)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();

    private static string Token(string html) => AntiForgery().Match(html).Groups[1].Value;

    private const string AnswerMarker = "についての回答";

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    private static object Scores(params (string Criterion, int Value, string? Comment, int Confidence)[] scores) =>
        new { scores = scores.Select(s => new { criterion = s.Criterion, value = s.Value, comment = s.Comment, confidence = s.Confidence }).ToArray() };

    private static (string, int, string?, int)[] AllCriteria(int value, string? comment = null) =>
        AwardDefaults.Criteria.Select(c => (c.Code, value, comment, 2)).ToArray();

    private async Task<(Awards.SeededRound Round, Guid Entry, string Organization)> RoundWithEntryAsync(AwardPhase phase = AwardPhase.Judging,
        JudgingMode mode = JudgingMode.Blind, AwardWindows? windows = null, string partner = "012025", string category = "regional-projects")
    {
        var round = await Awards.SeedRoundAsync(app, phase, app.Now, mode, windows: windows);
        var organization = $"審査テスト{Guid.NewGuid().ToString("N")[..6]}株式会社";
        var declaration = await Infrastructure.Declarations.SeedAsync(app, nowUtc: app.Now.AddDays(-200));
        var entry = await Awards.SeedEntryAsync(app, round, declaration.Id, organization, partner, category);
        return (round, entry, organization);
    }

    private async Task<Guid> SeedEntryAsync(Awards.SeededRound round, string category = "regional-projects", bool submitted = true)
    {
        var declaration = await Infrastructure.Declarations.SeedAsync(app, nowUtc: app.Now.AddDays(-200));
        return await Awards.SeedEntryAsync(app, round, declaration.Id, $"審査テスト{Guid.NewGuid().ToString("N")[..6]}株式会社", categoryCode: category, submitted: submitted);
    }

    private Task<string> TitleAsync(Guid entry) => app.WithDbAsync(db => db.AwardEntries.Where(e => e.Id == entry).Select(e => e.Title).SingleAsync());

    /// <summary>A judge created through the admin API, with the address and password to sign in on the pages.</summary>
    private async Task<(HttpClient Client, Guid Id, string Email, string Password)> JudgeWithLoginAsync(string role = Roles.Judge)
    {
        using var admin = await Staff.AdminAsync(app);
        var email = $"judge-{Guid.NewGuid():N}@consultdesk.test";
        const string password = "Judge-Password-2026";
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = $"審査 {email[6..12]}", password, roles = new[] { role } });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return (await Staff.ClientAsync(app, email, password), id, email, password);
    }

    private async Task<HttpClient> CookieClientAsync(string email, string password)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };
        var form = await client.GetStringAsync("/signin");
        var signedIn = await client.PostAsync("/signin", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Token(form)), new("Email", email), new("Password", password)]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/desk", signedIn.Headers.Location?.OriginalString);
        return client;
    }

    [Fact]
    public async Task A_judge_sees_only_assigned_entries_and_nothing_beyond_title_and_category_before_declaring_no_conflict()
    {
        var (round, mine, _) = await RoundWithEntryAsync();
        var others = await SeedEntryAsync(round);
        var (judge, judgeId) = await Awards.NewJudgeAsync(app);
        var (other, otherId) = await Awards.NewJudgeAsync(app);
        var assignment = await Awards.AssignAsync(app, round, mine, judgeId);
        var othersAssignment = await Awards.AssignAsync(app, round, others, otherId);
        var (myTitle, otherTitle) = (await TitleAsync(mine), await TitleAsync(others));
        // An entry withdrawn after it was assigned (possible only while entries are open) is no longer the judge's.
        var withdrawn = await SeedEntryAsync(round);
        var withdrawnAssignment = await Awards.AssignAsync(app, round, withdrawn, judgeId);
        await app.WithDbAsync(async db =>
        {
            (await db.AwardEntries.SingleAsync(e => e.Id == withdrawn)).Withdraw(round.Windows.EntryClosesAt.AddHours(-1));
            await db.SaveChangesAsync();
            return 0;
        });
        Assert.Equal(HttpStatusCode.NotFound, (await judge.GetAsync($"/api/v1/award/judging/assignments/{withdrawnAssignment}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await judge.PostAsync($"/api/v1/award/judging/assignments/{withdrawnAssignment}/conflict", Json(new { hasConflict = false }))).StatusCode);

        var list = await judge.GetStringAsync("/api/v1/award/judging/assignments");
        Assert.Contains(myTitle, list, StringComparison.Ordinal);
        Assert.DoesNotContain(otherTitle, list, StringComparison.Ordinal);
        Assert.DoesNotContain(await TitleAsync(withdrawn), list, StringComparison.Ordinal);
        Assert.DoesNotContain(AnswerMarker, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await judge.GetAsync($"/api/v1/award/judging/assignments/{othersAssignment}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await judge.PutAsync($"/api/v1/award/judging/assignments/{othersAssignment}/scores", Json(Scores(AllCriteria(3))))).StatusCode);

        var pending = await judge.GetFromJsonAsync<JsonElement>($"/api/v1/award/judging/assignments/{assignment}");
        Assert.Equal("pending", pending.GetProperty("conflict").GetString());
        Assert.Equal(myTitle, pending.GetProperty("title").GetString());
        Assert.Equal("regional-projects", pending.GetProperty("category").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("entry").ValueKind);
        Assert.DoesNotContain(AnswerMarker, pending.GetRawText(), StringComparison.Ordinal);
        var page = await judge.GetStringAsync($"/desk/judging/{assignment}");
        Assert.DoesNotContain(AnswerMarker, page, StringComparison.Ordinal);
        Assert.Contains("利益相反はありません", page, StringComparison.Ordinal);
        Assert.Contains("利益相反があります", page, StringComparison.Ordinal);

        var early = await judge.PutAsync($"/api/v1/award/judging/assignments/{assignment}/scores", Json(Scores(AllCriteria(3))));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("award-conflict-not-declared", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var declared = await judge.PostAsync($"/api/v1/award/judging/assignments/{assignment}/conflict", Json(new { hasConflict = false }));
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        var open = await judge.GetFromJsonAsync<JsonElement>($"/api/v1/award/judging/assignments/{assignment}");
        Assert.Contains(AnswerMarker, open.GetProperty("entry").GetProperty("answers")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains(AnswerMarker, await judge.GetStringAsync($"/desk/judging/{assignment}"), StringComparison.Ordinal);

        var saved = await judge.PutAsync($"/api/v1/award/judging/assignments/{assignment}/scores", Json(Scores(AllCriteria(4, "地域への効果が大きい"))));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var changed = await judge.PutAsync($"/api/v1/award/judging/assignments/{assignment}/scores", Json(Scores(("impact", 5, "見直し", 3))));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var own = (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scores");
        Assert.Equal(5, own.EnumerateArray().Single(s => s.GetProperty("criterion").GetString() == "impact").GetProperty("value").GetInt32());
        Assert.Equal(1, await Awards.CountEventsAsync(app, mine, "no-conflict"));
        Assert.Equal(4, await Awards.CountEventsAsync(app, mine, "score-set"));
        Assert.Equal(1, await Awards.CountEventsAsync(app, mine, "score-changed"));
        var change = await app.WithDbAsync(db => db.AwardEvents.SingleAsync(e => e.EntryId == mine && e.Type == "score-changed"));
        Assert.Equal(judgeId, change.ActorId);
        Assert.Contains("\"oldValue\":4", change.Content, StringComparison.Ordinal);
        Assert.Contains("\"newValue\":5", change.Content, StringComparison.Ordinal);

        var bad = await judge.PutAsync($"/api/v1/award/judging/assignments/{assignment}/scores",
            Json(Scores(("impact", 6, null, 2), ("no-such-criterion", 3, null, 2), ("spread", 3, new string('あ', 2001), 4))));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("scores[2].comment", out _), errors.GetRawText());
        Assert.True(errors.TryGetProperty("scores[2].confidence", out _), errors.GetRawText());
        var scaleErrors = await judge.PutAsync($"/api/v1/award/judging/assignments/{assignment}/scores",
            Json(Scores(("impact", 6, null, 2), ("no-such-criterion", 3, null, 2))));
        var scaleProblem = (await scaleErrors.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(HttpStatusCode.BadRequest, scaleErrors.StatusCode);
        Assert.True(scaleProblem.TryGetProperty("scores[0].value", out _), scaleProblem.GetRawText());
        Assert.True(scaleProblem.TryGetProperty("scores[1].criterion", out _), scaleProblem.GetRawText());
    }

    [Fact]
    public async Task Declaring_a_conflict_removes_the_assignment_mails_the_admins_and_the_judge_is_never_assigned_it_again()
    {
        var (round, entry, _) = await RoundWithEntryAsync();
        var (judge, judgeId) = await Awards.NewJudgeAsync(app);
        var assignment = await Awards.AssignAsync(app, round, entry, judgeId);
        var title = await TitleAsync(entry);

        var declared = await judge.PostAsync($"/api/v1/award/judging/assignments/{assignment}/conflict",
            Json(new { hasConflict = true, note = "応募団体の社外取締役を務めています。" }));
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        Assert.Equal("conflict", (await declared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conflict").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await judge.GetAsync($"/api/v1/award/judging/assignments/{assignment}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await judge.GetAsync($"/desk/judging/{assignment}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await judge.PutAsync($"/api/v1/award/judging/assignments/{assignment}/scores", Json(Scores(AllCriteria(3))))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await judge.PostAsync($"/api/v1/award/judging/assignments/{assignment}/conflict", Json(new { hasConflict = false }))).StatusCode);
        Assert.DoesNotContain(title, await judge.GetStringAsync("/api/v1/award/judging/assignments"), StringComparison.Ordinal);

        var mails = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Kind == DeclareAwardConflict.MailKind && m.TextBody.Contains(title)).ToListAsync());
        Assert.Contains(mails, m => m.ToAddress == ConsultDeskAppFactory.AdminEmail);
        Assert.Contains("応募団体の社外取締役を務めています。", mails[0].TextBody, StringComparison.Ordinal);
        var conflict = await app.WithDbAsync(db => db.AwardEvents.SingleAsync(e => e.EntryId == entry && e.Type == "conflict"));
        Assert.Equal(judgeId, conflict.ActorId);
        Assert.Equal("応募団体の社外取締役を務めています。", JsonDocument.Parse(conflict.Content).RootElement.GetProperty("note").GetString());

        using var admin = await Staff.AdminAsync(app);
        var overview = await admin.GetStringAsync($"/api/v1/award/rounds/{round.Id}/assignments");
        Assert.Contains("\"conflict\":\"conflict\"", overview, StringComparison.Ordinal);
        Assert.Contains("社外取締役", overview, StringComparison.Ordinal);
        var again = await admin.PostAsync($"/api/v1/award/rounds/{round.Id}/assignments", Json(new { entryId = entry, judgeId }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("award-judge-conflicted", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"/api/v1/award/assignments/{assignment}")).StatusCode);
    }

    /// <summary>Everything a judge can be shown for an assignment: the list, the detail, both pages (before and after the declaration).</summary>
    private static async Task<string> EverythingTheJudgeSeesAsync(HttpClient judge, Guid assignment) =>
        string.Join("\n",
            Unescaped(await judge.GetStringAsync("/api/v1/award/judging/assignments")),
            Unescaped(await judge.GetStringAsync($"/api/v1/award/judging/assignments/{assignment}")),
            await judge.GetStringAsync("/desk/judging"),
            await judge.GetStringAsync($"/desk/judging/{assignment}"),
            await judge.GetStringAsync($"/desk/judging/{assignment}?culture=en"));

    /// <summary>JSON with every string written out (no \\u escapes), so a name cannot hide from a text search.</summary>
    private static string Unescaped(string json) =>
        JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private async Task<(HttpClient Judge, Guid Assignment, string Organization, string FileName)> DeclaredOnSapporoEntryAsync(JudgingMode mode)
    {
        var (round, entry, organization) = await RoundWithEntryAsync(mode: mode, partner: "011002");
        var fileName = $"札幌市連携_{organization}_成果報告.pdf";
        await app.WithDbAsync(async db =>
        {
            db.AwardAttachments.Add(AwardAttachment.Create(entry, 1, fileName, "application/pdf", 12_345, new string('a', 64), round.Windows.EntryOpensAt.AddHours(3)));
            await db.SaveChangesAsync();
            return 0;
        });
        var (judge, judgeId) = await Awards.NewJudgeAsync(app);
        var assignment = await Awards.AssignAsync(app, round, entry, judgeId);
        var before = await EverythingTheJudgeSeesAsync(judge, assignment);
        foreach (var secret in new[] { organization, "札幌市", "011002", fileName, "成果報告" })
            Assert.DoesNotContain(secret, before, StringComparison.Ordinal);
        (await judge.PostAsync($"/api/v1/award/judging/assignments/{assignment}/conflict", Json(new { hasConflict = false }))).EnsureSuccessStatusCode();
        return (judge, assignment, organization, fileName);
    }

    [Fact]
    public async Task In_blind_mode_no_organisation_municipality_or_file_name_reaches_the_judge_and_open_mode_shows_them()
    {
        var (blindJudge, blindAssignment, blindOrganization, blindFile) = await DeclaredOnSapporoEntryAsync(JudgingMode.Blind);
        var blind = await EverythingTheJudgeSeesAsync(blindJudge, blindAssignment);
        Assert.Contains(AnswerMarker, blind, StringComparison.Ordinal);
        foreach (var secret in new[] { blindOrganization, "札幌市", "Sapporo", "011002", blindFile, "成果報告", "テスト宣言株式会社" })
            Assert.DoesNotContain(secret, blind, StringComparison.Ordinal);
        Assert.Contains("attachment-1.pdf", blind, StringComparison.Ordinal);
        Assert.Contains("/desk/award/attachments/", blind, StringComparison.Ordinal);

        var (openJudge, openAssignment, openOrganization, openFile) = await DeclaredOnSapporoEntryAsync(JudgingMode.Open);
        var open = await EverythingTheJudgeSeesAsync(openJudge, openAssignment);
        Assert.Contains(openOrganization, open, StringComparison.Ordinal);
        Assert.Contains("札幌市", open, StringComparison.Ordinal);
        Assert.Contains(openFile, open, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scores_save_until_the_last_tick_of_the_judging_window_and_no_judge_sees_another_judges_scores_or_a_total_before_or_after()
    {
        var now = app.Now;
        var windows = new AwardWindows(now.AddDays(-30), now.AddDays(-20), now.AddDays(-10), now.AddMinutes(10), now.AddDays(10));
        var (round, entry, _) = await RoundWithEntryAsync(windows: windows);
        var (judge, judgeId) = await Awards.NewJudgeAsync(app);
        var (other, otherId) = await Awards.NewJudgeAsync(app);
        var mine = await Awards.AssignAsync(app, round, entry, judgeId, declareNoConflict: true);
        var theirs = await Awards.AssignAsync(app, round, entry, otherId, declareNoConflict: true);
        const string secretComment = "他の審査員だけが知る講評メモ";
        (await other.PutAsync($"/api/v1/award/judging/assignments/{theirs}/scores", Json(Scores(AllCriteria(1, secretComment))))).EnsureSuccessStatusCode();

        app.Clock.SetUtcNow(new DateTimeOffset(windows.JudgingClosesAt.AddTicks(-1), TimeSpan.Zero));
        var lastTick = await judge.PutAsync($"/api/v1/award/judging/assignments/{mine}/scores", Json(Scores(AllCriteria(5, "最後の1ティック"))));
        Assert.Equal(HttpStatusCode.OK, lastTick.StatusCode);
        AssertNoOtherScoresOrTotals(await EverythingTheJudgeSeesAsync(judge, mine), secretComment);

        app.Clock.Advance(TimeSpan.FromTicks(2));
        var late = await judge.PutAsync($"/api/v1/award/judging/assignments/{mine}/scores", Json(Scores(AllCriteria(4))));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("award-judging-not-open", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await EverythingTheJudgeSeesAsync(judge, mine);
        AssertNoOtherScoresOrTotals(after, secretComment);
        Assert.Contains("最後の1ティック", after, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.AwardScores.Where(s => s.AssignmentId == mine).Select(s => s.Value).ToListAsync());
        Assert.All(stored, v => Assert.Equal(5, v));
    }

    private static void AssertNoOtherScoresOrTotals(string seen, string secretComment)
    {
        Assert.DoesNotContain(secretComment, seen, StringComparison.Ordinal);
        // No property that could carry a total, an average or a rank, in any response.
        foreach (var word in new[] { "\"total", "\"average", "\"mean", "\"median", "\"rank", "\"weighted" })
            Assert.DoesNotContain(word, seen, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Spread_evenly_gives_each_entry_distinct_judges_with_loads_within_one_and_never_puts_a_conflicted_judge_back()
    {
        var round = await Awards.SeedRoundAsync(app, AwardPhase.EntryClosed, app.Now);
        const string category = "retention-hiring-workation";
        var entries = new List<Guid>();
        for (var i = 0; i < 7; i++) entries.Add(await SeedEntryAsync(round, category));
        var draft = await SeedEntryAsync(round, category, submitted: false);
        var elsewhere = await SeedEntryAsync(round, "regional-projects");
        var judges = new List<Guid>();
        for (var i = 0; i < 3; i++) judges.Add((await Awards.NewJudgeAsync(app)).Id);
        var (consultant, consultantId) = await Staff.NewUserAsync(app, Roles.Consultant);
        consultant.Dispose();

        // The first judge declared a conflict on the first entry; the second is already on the second entry.
        await app.WithDbAsync(async db =>
        {
            var conflicted = AwardAssignment.Create(round.Id, entries[0], judges[0], Guid.Empty, app.Now.AddDays(-1));
            conflicted.Declare(true, "取引先です", app.Now.AddDays(-1));
            db.AwardAssignments.Add(conflicted);
            await db.SaveChangesAsync();
            return 0;
        });
        using var admin = await Staff.AdminAsync(app);
        var byHand = await admin.PostAsync($"/api/v1/award/rounds/{round.Id}/assignments", Json(new { entryId = entries[1], judgeId = judges[1] }));
        Assert.Equal(HttpStatusCode.Created, byHand.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/award/rounds/{round.Id}/assignments", Json(new { entryId = entries[1], judgeId = judges[1] }))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/award/rounds/{round.Id}/assignments", Json(new { entryId = draft, judgeId = judges[1] }))).StatusCode);
        var notJudge = await admin.PostAsync($"/api/v1/award/rounds/{round.Id}/assignments", Json(new { entryId = entries[2], judgeId = consultantId }));
        Assert.Equal(HttpStatusCode.BadRequest, notJudge.StatusCode);
        Assert.True((await notJudge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("judgeId", out _));

        var tooMany = await admin.PostAsync($"/api/v1/award/rounds/{round.Id}/assignments/spread",
            Json(new { categoryId = round.Categories[category], judgeIds = judges, judgesPerEntry = 4 }));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        var withStaff = await admin.PostAsync($"/api/v1/award/rounds/{round.Id}/assignments/spread",
            Json(new { categoryId = round.Categories[category], judgeIds = judges.Append(consultantId).ToArray(), judgesPerEntry = 2 }));
        Assert.Equal(HttpStatusCode.BadRequest, withStaff.StatusCode);

        var spread = await admin.PostAsync($"/api/v1/award/rounds/{round.Id}/assignments/spread",
            Json(new { categoryId = round.Categories[category], judgeIds = judges, judgesPerEntry = 2 }));
        Assert.Equal(HttpStatusCode.OK, spread.StatusCode);
        var result = await spread.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(13, result.GetProperty("created").GetArrayLength());
        Assert.Equal(0, result.GetProperty("unfilled").GetArrayLength());

        var rows = await app.WithDbAsync(db => db.AwardAssignments.AsNoTracking().Where(a => a.RoundId == round.Id).ToListAsync());
        var active = rows.Where(a => a.IsActive).ToList();
        foreach (var entry in entries)
        {
            var onEntry = active.Where(a => a.EntryId == entry).Select(a => a.JudgeId).ToList();
            Assert.Equal(2, onEntry.Count);
            Assert.Equal(2, onEntry.Distinct().Count());
        }
        Assert.DoesNotContain(active, a => a.EntryId == entries[0] && a.JudgeId == judges[0]);
        Assert.DoesNotContain(rows, a => a.EntryId == draft || a.EntryId == elsewhere);
        var loads = judges.Select(j => active.Count(a => a.JudgeId == j)).ToList();
        Assert.Equal(14, loads.Sum());
        Assert.True(loads.Max() - loads.Min() <= 1, string.Join(",", loads));
        Assert.Equal(14, await app.WithDbAsync(db => db.AwardEvents.CountAsync(e => e.RoundId == round.Id && e.Type == "assigned")));

        var again = await admin.PostAsync($"/api/v1/award/rounds/{round.Id}/assignments/spread",
            Json(new { categoryId = round.Categories[category], judgeIds = judges, judgesPerEntry = 2 }));
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetArrayLength());

        // Removal: fine without scores (timeline: unassigned), refused once the judge has scored.
        var free = active.First(a => a.EntryId == entries[3]);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/award/assignments/{free.Id}")).StatusCode);
        Assert.Equal(1, await Awards.CountEventsAsync(app, entries[3], "unassigned"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/award/assignments/{free.Id}")).StatusCode);
        var scored = active.First(a => a.EntryId == entries[4]);
        var criterion = round.Criteria["impact"];
        await app.WithDbAsync(async db =>
        {
            var tracked = await db.AwardAssignments.SingleAsync(a => a.Id == scored.Id);
            tracked.Declare(false, null, app.Now);
            db.AwardScores.Add(AwardScore.Create(tracked, criterion, 3, null, 2, app.Now));
            await db.SaveChangesAsync();
            return 0;
        });
        var refused = await admin.DeleteAsync($"/api/v1/award/assignments/{scored.Id}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("award-assignment-scored", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A judge cannot assign; a closed judging window refuses assignments.
        var (judgeClient, _) = await Awards.NewJudgeAsync(app);
        Assert.Equal(HttpStatusCode.Forbidden, (await judgeClient.PostAsync($"/api/v1/award/rounds/{round.Id}/assignments", Json(new { entryId = entries[2], judgeId = judges[2] }))).StatusCode);
        var closed = await Awards.SeedRoundAsync(app, AwardPhase.Deciding, app.Now);
        var closedEntry = await SeedEntryAsync(closed);
        var late = await admin.PostAsync($"/api/v1/award/rounds/{closed.Id}/assignments", Json(new { entryId = closedEntry, judgeId = judges[0] }));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("award-judging-closed", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_judge_is_not_staff_sign_in_lands_on_judging_the_menu_shows_only_judging_and_other_desk_pages_are_403()
    {
        var (bearer, judgeId, email, password) = await JudgeWithLoginAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await bearer.GetAsync("/api/v1/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/users/me")).StatusCode);

        using var judge = await CookieClientAsync(email, password);
        var landing = await judge.GetAsync("/desk");
        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
        Assert.Equal("/desk/judging", landing.Headers.Location?.OriginalString);
        var queue = await judge.GetAsync("/desk/judging");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        var html = await queue.Content.ReadAsStringAsync();
        Assert.Contains("href=\"/desk/judging\">審査</a>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/desk/password\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/desk/two-factor\"", html, StringComparison.Ordinal);
        foreach (var staffLink in new[] { "href=\"/desk/municipalities\"", "href=\"/desk/declarations", "href=\"/desk?assignee=me\"", "href=\"/desk/reports\"" })
            Assert.DoesNotContain(staffLink, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await judge.GetAsync("/desk/password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await judge.GetAsync("/desk/two-factor")).StatusCode);

        foreach (var path in new[] { "/desk/declarations", "/desk/municipalities", "/desk/reports", "/desk/users", $"/desk/award/{Guid.NewGuid()}/judging" })
        {
            var refused = await judge.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("このページを表示する権限がありません。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The admin's users page offers the role by its label, and shows the new judge with it.
        using var admin = await Staff.AdminAsync(app);
        var users = await admin.GetStringAsync("/desk/users");
        Assert.Matches(new Regex("value=\"judge\"[^>]*/>\\s*審査員"), users);
        Assert.Contains(email, users, StringComparison.Ordinal);
        var me = await bearer.GetFromJsonAsync<JsonElement>("/api/v1/users/me");
        Assert.Equal(judgeId, me.GetProperty("id").GetGuid());
        // Their own account is theirs to secure (last: setting up two-factor renews the sign-in stamp).
        Assert.Equal(HttpStatusCode.OK, (await bearer.PostAsync("/api/v1/users/me/two-factor/setup", null)).StatusCode);
    }

    [Fact]
    public async Task A_judge_declares_and_scores_on_the_pages_and_an_admin_assigns_on_the_assignments_page()
    {
        var (round, entry, organization) = await RoundWithEntryAsync(mode: JudgingMode.Open);
        var (_, judgeId, email, password) = await JudgeWithLoginAsync();

        // The admin assigns by hand on the page (admins see the organisation).
        using var admin = await CookieClientAsync(ConsultDeskAppFactory.AdminEmail, ConsultDeskAppFactory.AdminPassword);
        var page = await admin.GetStringAsync($"/desk/award/{round.Id}/judging");
        Assert.Contains(organization, page, StringComparison.Ordinal);
        var assigned = await admin.PostAsync($"/desk/award/{round.Id}/judging?handler=Assign", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Token(page)), new("entryId", entry.ToString()), new("judgeId", judgeId.ToString())]));
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        var after = await admin.GetStringAsync($"/desk/award/{round.Id}/judging");
        Assert.Contains("未申告", after, StringComparison.Ordinal);
        var assignment = await app.WithDbAsync(db => db.AwardAssignments.Where(a => a.EntryId == entry && a.JudgeId == judgeId).Select(a => a.Id).SingleAsync());
        Assert.Equal(1, await Awards.CountEventsAsync(app, entry, "assigned"));

        using var judge = await CookieClientAsync(email, password);
        var pending = await judge.GetStringAsync($"/desk/judging/{assignment}");
        var missingChoice = await judge.PostAsync($"/desk/judging/{assignment}?handler=Declare", new FormUrlEncodedContent([new("__RequestVerificationToken", Token(pending))]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingChoice.StatusCode);
        Assert.Contains("利益相反の有無を選んでください。", await missingChoice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var declared = await judge.PostAsync($"/desk/judging/{assignment}?handler=Declare", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Token(pending)), new("hasConflict", "false")]));
        Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);

        var open = await judge.GetStringAsync($"/desk/judging/{assignment}");
        Assert.Contains(AnswerMarker, open, StringComparison.Ordinal);
        Assert.Contains(organization, open, StringComparison.Ordinal);
        var outOfScale = await judge.PostAsync($"/desk/judging/{assignment}?handler=Scores", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Token(open)), new("score-impact", "9"), new("confidence-impact", "2"), new("comment-impact", "範囲外")]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outOfScale.StatusCode);
        Assert.Contains("評点は1〜5で入力してください。", await outOfScale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Token(open)) };
        foreach (var c in AwardDefaults.Criteria)
        {
            fields.Add(new($"score-{c.Code}", "4"));
            fields.Add(new($"confidence-{c.Code}", "3"));
            fields.Add(new($"comment-{c.Code}", $"{c.NameJa}は十分"));
        }
        var saved = await judge.PostAsync($"/desk/judging/{assignment}?handler=Scores", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var scores = await app.WithDbAsync(db => db.AwardScores.Where(s => s.AssignmentId == assignment).ToListAsync());
        Assert.Equal(4, scores.Count);
        Assert.All(scores, s => Assert.Equal((4, 3), (s.Value, s.Confidence)));
        Assert.Contains("4 / 4 項目", await judge.GetStringAsync("/desk/judging"), StringComparison.Ordinal);

        // The admin cannot remove a scored assignment on the page either: no button, and the post is refused.
        var scoredPage = await admin.GetStringAsync($"/desk/award/{round.Id}/judging");
        Assert.Contains("評価 4 項目", scoredPage, StringComparison.Ordinal);
        var remove = await admin.PostAsync($"/desk/award/{round.Id}/judging?handler=Remove", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Token(scoredPage)), new("assignmentId", assignment.ToString())]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, remove.StatusCode);
        Assert.Contains("評価が入力済みの割当ては解除できません。", await remove.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

[Collection(AwardSqliteCollection.Name)]
public sealed class AwardJudgingSqliteTests(AwardSqliteApp app) : AwardJudgingTests(app);

[Collection(AwardPostgresCollection.Name)]
public sealed class AwardJudgingPostgresTests(AwardPostgresApp app) : AwardJudgingTests(app);
