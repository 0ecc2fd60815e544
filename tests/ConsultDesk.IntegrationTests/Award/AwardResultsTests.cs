using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsultDesk.Domain.Award;
using ConsultDesk.Domain.Users;
using ConsultDesk.Features.Award;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultDesk.IntegrationTests.Award;

public abstract class AwardResultsTests(AwardApp app)
{
    private static readonly string[] Codes = ["impact", "spread", "public-private", "growth"];

    /// <summary>Assigns the entry to a judge (no conflict declared) and stores the judge's scores in criterion order (0 = left unscored).</summary>
    private Task ScoreAsync(Awards.SeededRound round, Guid entryId, Guid judgeId, params int[] values) =>
        app.WithDbAsync(async db =>
        {
            var assignment = AwardAssignment.Create(round.Id, entryId, judgeId, Guid.Empty, round.Windows.EntryClosesAt);
            assignment.Declare(false, null, round.Windows.JudgingOpensAt);
            db.AwardAssignments.Add(assignment);
            for (var i = 0; i < Codes.Length; i++)
                if (values[i] > 0)
                    db.AwardScores.Add(AwardScore.Create(assignment, round.Criteria[Codes[i]], values[i], "所見", 2, round.Windows.JudgingOpensAt.AddHours(1)));
            await db.SaveChangesAsync();
            return 0;
        });

    private Task SetWeightAsync(Awards.SeededRound round, string code, decimal weight) =>
        app.WithDbAsync(db => db.AwardCriteria.Where(c => c.Id == round.Criteria[code]).ExecuteUpdateAsync(s => s.SetProperty(c => c.Weight, weight)));

    /// <summary>A municipality's 連携パートナー賞 entry (submitted), of its own accepted declaration.</summary>
    private async Task<Guid> SeedPartnerAwardEntryAsync(Awards.SeededRound round, string municipalityCode, string name, string title)
    {
        var declaration = await Infrastructure.Declarations.SeedAsync(app);
        var entry = AwardEntry.Create(round.Id, declaration.Id, Awards.Content(round, AwardDefaults.PartnerCategoryCode, title) with { OrganizationName = name },
            AwardInitiative.ForPartnerAward(municipalityCode), round.Windows.EntryOpensAt.AddHours(1));
        entry.Submit(round.Windows.EntryOpensAt.AddHours(2));
        await app.WithDbAsync(async db =>
        {
            db.AwardEntries.Add(entry);
            await db.SaveChangesAsync();
            return 0;
        });
        return entry.Id;
    }

    /// <summary>Windows whose publication is <paramref name="publishAt"/>, judging closed 10 days before it.</summary>
    private static AwardWindows ClosedJudgingBefore(DateTime publishAt) =>
        new(publishAt.AddDays(-40), publishAt.AddDays(-30), publishAt.AddDays(-20), publishAt.AddDays(-10), publishAt);

    private static DateTime WholeSecond(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static JsonElement Category(JsonElement ranking, string code) =>
        ranking.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);

    private static JsonElement Row(JsonElement category, Guid entryId) =>
        category.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("entryId").GetGuid() == entryId);

    private static decimal? Total(JsonElement row) => row.GetProperty("total").ValueKind == JsonValueKind.Null ? null : row.GetProperty("total").GetDecimal();

    private static int? Rank(JsonElement row) => row.GetProperty("rank").ValueKind == JsonValueKind.Null ? null : row.GetProperty("rank").GetInt32();

    /// <summary>Four entries scored by three judges with weights impact 3, spread 1, public-private 2, growth 2 (Σ 8).</summary>
    private async Task<(Awards.SeededRound Round, Guid A, Guid B, Guid C, Guid D)> SeedScoredRoundAsync(ScoreAggregation aggregation)
    {
        var round = await Awards.SeedRoundAsync(app, AwardPhase.Deciding, app.Now, aggregation: aggregation);
        await SetWeightAsync(round, "impact", 3m);
        await SetWeightAsync(round, "public-private", 2m);
        await SetWeightAsync(round, "growth", 2m);
        var declaration = await Infrastructure.Declarations.SeedAsync(app);
        var a = await Awards.SeedEntryAsync(app, round, declaration.Id, "エー株式会社", "012025");
        var b = await Awards.SeedEntryAsync(app, round, declaration.Id, "ビー株式会社", "011002");
        var c = await Awards.SeedEntryAsync(app, round, declaration.Id, "シー株式会社", "131016");
        var d = await Awards.SeedEntryAsync(app, round, declaration.Id, "ディー株式会社", "012033");
        var draft = await Awards.SeedEntryAsync(app, round, declaration.Id, "下書き株式会社", "012041", submitted: false);
        Guid j1 = Guid.NewGuid(), j2 = Guid.NewGuid(), j3 = Guid.NewGuid();
        // Weighted total per judge = (3·impact + 1·spread + 2·public-private + 2·growth) / 8.
        await ScoreAsync(round, a, j1, 5, 4, 4, 3); // (15+4+8+6)/8 = 33/8 = 4.125
        await ScoreAsync(round, a, j2, 4, 4, 3, 3); // (12+4+6+6)/8 = 28/8 = 3.5
        await ScoreAsync(round, a, j3, 3, 2, 3, 2); // (9+2+6+4)/8  = 21/8 = 2.625
        await ScoreAsync(round, b, j1, 4, 4, 4, 4); // 32/8 = 4
        await ScoreAsync(round, b, j2, 4, 3, 4, 4); // (12+3+8+8)/8 = 31/8 = 3.875
        await ScoreAsync(round, b, j3, 2, 2, 2, 2); // 16/8 = 2
        await ScoreAsync(round, c, j1, 4, 4, 4, 4); // 32/8 = 4
        await ScoreAsync(round, c, j2, 4, 4, 4, 4); // 32/8 = 4
        await ScoreAsync(round, c, j3, 3, 1, 2, 2); // (9+1+4+4)/8 = 18/8 = 2.25
        await ScoreAsync(round, d, j1, 5, 5, 5, 0); // growth left unscored: this judge does not count, so D has no total
        await ScoreAsync(round, draft, j1, 5, 5, 5, 5); // a draft is never ranked
        return (round, a, b, c, d);
    }

    [Fact]
    public async Task The_ranking_matches_hand_computed_weighted_means_with_a_tie()
    {
        var (round, a, b, c, d) = await SeedScoredRoundAsync(ScoreAggregation.Mean);
        using var manager = (await Staff.NewUserAsync(app, Roles.Manager)).Client;

        var ranking = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/award/rounds/{round.Id}/ranking");
        var category = Category(ranking, "regional-projects");
        Assert.Equal(4, category.GetProperty("entries").GetArrayLength());
        // Means: A (33+28+21)/24 = 82/24 = 3.41666… → 3.417; C (32+32+18)/24 = 82/24 → 3.417 (tie with A); B (32+31+16)/24 = 79/24 = 3.29166… → 3.292.
        var (rowA, rowB, rowC, rowD) = (Row(category, a), Row(category, b), Row(category, c), Row(category, d));
        Assert.Equal((3.417m, 1, true), (Total(rowA)!.Value, Rank(rowA)!.Value, rowA.GetProperty("tied").GetBoolean()));
        Assert.Equal((3.417m, 1, true), (Total(rowC)!.Value, Rank(rowC)!.Value, rowC.GetProperty("tied").GetBoolean()));
        Assert.Equal((3.292m, 3, false), (Total(rowB)!.Value, Rank(rowB)!.Value, rowB.GetProperty("tied").GetBoolean()));
        Assert.Null(Total(rowD));
        Assert.Null(Rank(rowD));
        Assert.Equal(3, rowA.GetProperty("judgeCount").GetInt32());
        Assert.Equal(0, rowD.GetProperty("judgeCount").GetInt32());
        // A per criterion (mean): impact (5+4+3)/3 = 4; spread (4+4+2)/3 = 3.333; public-private (4+3+3)/3 = 3.333; growth (3+3+2)/3 = 2.667.
        var byCriterion = rowA.GetProperty("byCriterion");
        Assert.Equal((4m, 3.333m, 3.333m, 2.667m), (byCriterion.GetProperty("impact").GetDecimal(), byCriterion.GetProperty("spread").GetDecimal(),
            byCriterion.GetProperty("public-private").GetDecimal(), byCriterion.GetProperty("growth").GetDecimal()));
        Assert.Equal("函館市", rowA.GetProperty("municipalityName").GetString());

        // The page shows the tie.
        var page = await manager.GetStringAsync($"/desk/award/{round.Id}/results");
        Assert.Contains("同順位", page);
        Assert.Contains("3.417", page);
    }

    [Fact]
    public async Task The_ranking_matches_hand_computed_weighted_medians()
    {
        var (round, a, b, c, d) = await SeedScoredRoundAsync(ScoreAggregation.Median);
        using var admin = await Staff.AdminAsync(app);

        var ranking = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/award/rounds/{round.Id}/ranking");
        Assert.Equal("median", ranking.GetProperty("aggregation").GetString());
        var category = Category(ranking, "regional-projects");
        // Medians of the judges' totals: C {2.25, 4, 4} → 4; B {2, 3.875, 4} → 3.875; A {2.625, 3.5, 4.125} → 3.5.
        var (rowA, rowB, rowC, rowD) = (Row(category, a), Row(category, b), Row(category, c), Row(category, d));
        Assert.Equal((4m, 1), (Total(rowC)!.Value, Rank(rowC)!.Value));
        Assert.Equal((3.875m, 2), (Total(rowB)!.Value, Rank(rowB)!.Value));
        Assert.Equal((3.5m, 3), (Total(rowA)!.Value, Rank(rowA)!.Value));
        Assert.False(rowA.GetProperty("tied").GetBoolean());
        Assert.Null(Rank(rowD));
        // A per criterion (median): impact {3,4,5} → 4; spread {2,4,4} → 4; public-private {3,3,4} → 3; growth {2,3,3} → 3.
        var byCriterion = rowA.GetProperty("byCriterion");
        Assert.Equal((4m, 4m, 3m, 3m), (byCriterion.GetProperty("impact").GetDecimal(), byCriterion.GetProperty("spread").GetDecimal(),
            byCriterion.GetProperty("public-private").GetDecimal(), byCriterion.GetProperty("growth").GetDecimal()));
        // Order of the rows is the ranking.
        Assert.Equal([c, b, a, d], category.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("entryId").GetGuid()).ToList());
    }

    [Fact]
    public async Task The_ranking_is_a_409_while_judging_is_open_and_opens_the_moment_judging_closes()
    {
        var closes = WholeSecond(app.Now).AddDays(2);
        var round = await Awards.SeedRoundAsync(app, AwardPhase.Judging, app.Now, windows: ClosedJudgingBefore(closes.AddDays(10)));
        var declaration = await Infrastructure.Declarations.SeedAsync(app);
        var entry = await Awards.SeedEntryAsync(app, round, declaration.Id, "審査中株式会社");
        await ScoreAsync(round, entry, Guid.NewGuid(), 4, 4, 4, 4);
        app.Clock.Advance(closes - app.Now - TimeSpan.FromTicks(1));
        // Signed in after moving the clock (a bearer token lives an hour of the app's time).
        using var admin = await Staff.AdminAsync(app);
        var refused = await admin.GetAsync($"/api/v1/award/rounds/{round.Id}/ranking");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("award-judging-still-open", problem.GetProperty("code").GetString());
        var page = await admin.GetAsync($"/desk/award/{round.Id}/results");
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("審査期間が終了するまで", html);
        Assert.DoesNotContain("4.000", html);
        var shortlist = await admin.PostAsJsonAsync($"/api/v1/award/entries/{entry}/shortlist", new { shortlisted = true });
        Assert.Equal(HttpStatusCode.Conflict, shortlist.StatusCode);

        app.Clock.Advance(TimeSpan.FromTicks(1));
        var ranking = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/award/rounds/{round.Id}/ranking");
        Assert.Equal(4m, Total(Row(Category(ranking, "regional-projects"), entry)));
    }

    [Fact]
    public async Task Shortlisting_marks_the_entry_once_per_change_and_the_filter_shows_only_the_shortlist()
    {
        var round = await Awards.SeedRoundAsync(app, AwardPhase.Deciding, app.Now);
        var declaration = await Infrastructure.Declarations.SeedAsync(app);
        var chosen = await Awards.SeedEntryAsync(app, round, declaration.Id, "候補株式会社", "012025", title: "候補になる取組");
        var other = await Awards.SeedEntryAsync(app, round, declaration.Id, "候補外株式会社", "011002", title: "候補にならない取組");
        var (admin, adminId) = await Staff.NewUserAsync(app, Roles.Admin);
        using var _ = admin;
        using var manager = (await Staff.NewUserAsync(app, Roles.Manager)).Client;

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/api/v1/award/entries/{chosen}/shortlist", new { shortlisted = true })).StatusCode);
        (await admin.PostAsJsonAsync($"/api/v1/award/entries/{chosen}/shortlist", new { shortlisted = true })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/award/entries/{chosen}/shortlist", new { shortlisted = true })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/v1/award/entries/{chosen}/shortlist", new { })).StatusCode);

        var ranking = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/award/rounds/{round.Id}/ranking");
        var category = Category(ranking, "regional-projects");
        Assert.True(Row(category, chosen).GetProperty("shortlisted").GetBoolean());
        Assert.False(Row(category, other).GetProperty("shortlisted").GetBoolean());
        Assert.Equal(1, await Awards.CountEventsAsync(app, chosen, "shortlisted"));
        var actor = await app.WithDbAsync(db => db.AwardEvents.Where(e => e.EntryId == chosen && e.Type == "shortlisted").Select(e => e.ActorId).SingleAsync());
        Assert.Equal(adminId, actor);

        var filtered = await admin.GetStringAsync($"/desk/award/{round.Id}/results?shortlist=true");
        Assert.Contains($"id=\"entry-{chosen}\"", filtered);
        Assert.DoesNotContain($"id=\"entry-{other}\"", filtered);
        Assert.Contains($"id=\"entry-{other}\"", await admin.GetStringAsync($"/desk/award/{round.Id}/results"));

        (await admin.PostAsJsonAsync($"/api/v1/award/entries/{chosen}/shortlist", new { shortlisted = false })).EnsureSuccessStatusCode();
        Assert.Equal(1, await Awards.CountEventsAsync(app, chosen, "unshortlisted"));
    }

    [Fact]
    public async Task A_decision_refuses_a_second_one_until_reopened_and_the_history_and_timeline_keep_both()
    {
        var round = await Awards.SeedRoundAsync(app, AwardPhase.Deciding, app.Now);
        var declaration = await Infrastructure.Declarations.SeedAsync(app);
        var first = await Awards.SeedEntryAsync(app, round, declaration.Id, "最初株式会社", "012025", title: "最初に選ばれた取組");
        var second = await Awards.SeedEntryAsync(app, round, declaration.Id, "二番目株式会社", "011002", title: "再決定で選ばれた取組");
        var partner = await SeedPartnerAwardEntryAsync(round, "012025", "函館市", "函館市のワーケーション受入れ");
        var (admin, adminId) = await Staff.NewUserAsync(app, Roles.Admin, "決定 花子");
        using var _ = admin;
        using var manager = (await Staff.NewUserAsync(app, Roles.Manager)).Client;

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/api/v1/award/rounds/{round.Id}/decisions",
            new { categoryCode = "regional-projects", winnerEntryIds = new[] { first }, review = "講評" })).StatusCode);
        var invalid = await admin.PostAsJsonAsync($"/api/v1/award/rounds/{round.Id}/decisions", new { categoryCode = "regional-projects", winnerEntryIds = Array.Empty<Guid>(), review = "" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var notInCategory = await admin.PostAsJsonAsync($"/api/v1/award/rounds/{round.Id}/decisions",
            new { categoryCode = AwardDefaults.PartnerCategoryCode, winnerEntryIds = new[] { first }, review = "講評" });
        Assert.Equal(HttpStatusCode.Conflict, notInCategory.StatusCode);

        var decided = await admin.PostAsJsonAsync($"/api/v1/award/rounds/{round.Id}/decisions",
            new { categoryCode = "regional-projects", winnerEntryIds = new[] { first }, review = "地域企業との協働が高く評価された。" });
        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
        var firstDecision = (await decided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var again = await admin.PostAsJsonAsync($"/api/v1/award/rounds/{round.Id}/decisions",
            new { categoryId = round.Categories["regional-projects"], winnerEntryIds = new[] { second }, review = "別の講評" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("award-decision-already-taken", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/v1/award/decisions/{firstDecision}/reopen", new { reason = " " })).StatusCode);
        (await admin.PostAsJsonAsync($"/api/v1/award/decisions/{firstDecision}/reopen", new { reason = "利益相反の申告漏れが判明したため" })).EnsureSuccessStatusCode();
        var twice = await admin.PostAsJsonAsync($"/api/v1/award/decisions/{firstDecision}/reopen", new { reason = "もう一度" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        var redecided = await admin.PostAsJsonAsync($"/api/v1/award/rounds/{round.Id}/decisions",
            new { categoryId = round.Categories["regional-projects"], winnerEntryIds = new[] { second }, review = "再審査の結果、波及性が評価された。" });
        Assert.Equal(HttpStatusCode.Created, redecided.StatusCode);
        (await admin.PostAsJsonAsync($"/api/v1/award/rounds/{round.Id}/decisions",
            new { categoryCode = AwardDefaults.PartnerCategoryCode, winnerEntryIds = new[] { partner }, review = "受入れ体制が評価された。" })).EnsureSuccessStatusCode();

        var history = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/award/rounds/{round.Id}/decisions");
        var regional = history.EnumerateArray().Where(d => d.GetProperty("categoryCode").GetString() == "regional-projects").ToList();
        Assert.Equal(2, regional.Count);
        Assert.True(regional[0].GetProperty("current").GetBoolean());
        Assert.Equal(second, regional[0].GetProperty("winners")[0].GetProperty("entryId").GetGuid());
        Assert.Equal("決定 花子", regional[0].GetProperty("decidedByName").GetString());
        Assert.False(regional[1].GetProperty("current").GetBoolean());
        Assert.Equal(firstDecision, regional[1].GetProperty("id").GetGuid());
        Assert.Equal("利益相反の申告漏れが判明したため", regional[1].GetProperty("reopenReason").GetString());
        Assert.Equal("決定 花子", regional[1].GetProperty("reopenedByName").GetString());
        Assert.Equal("地域企業との協働が高く評価された。", regional[1].GetProperty("review").GetString());

        // The entries' timelines: the first winner was decided and reopened, the second decided, all by the admin.
        var events = await app.WithDbAsync(db => db.AwardEvents.AsNoTracking().Where(e => e.RoundId == round.Id && (e.Type == "decided" || e.Type == "decision-reopened"))
            .Select(e => new { e.EntryId, e.CategoryId, e.Type, e.ActorId }).ToListAsync());
        Assert.All(events, e => Assert.Equal(adminId, e.ActorId));
        Assert.Equal(["decided", "decision-reopened"], events.Where(e => e.EntryId == first).Select(e => e.Type).Order());
        Assert.Equal(["decided"], events.Where(e => e.EntryId == second).Select(e => e.Type));
        Assert.Equal(["decided", "decided", "decision-reopened"],
            events.Where(e => e.EntryId == null && e.CategoryId == round.Categories["regional-projects"]).Select(e => e.Type).Order());

        // The ranking marks the current winner and ties the municipality's partner entry to the organisation's entry naming it.
        var ranking = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/award/rounds/{round.Id}/ranking");
        Assert.True(Row(Category(ranking, "regional-projects"), second).GetProperty("winner").GetBoolean());
        Assert.False(Row(Category(ranking, "regional-projects"), first).GetProperty("winner").GetBoolean());
        var partnerRow = Row(Category(ranking, AwardDefaults.PartnerCategoryCode), partner);
        Assert.Equal(first, Assert.Single(partnerRow.GetProperty("partnerEntries").EnumerateArray()).GetProperty("entryId").GetGuid());

        var page = await admin.GetStringAsync($"/desk/award/{round.Id}/results");
        Assert.Contains("再審査の結果、波及性が評価された。", page);
        Assert.Contains("利益相反の申告漏れが判明したため", page);
        Assert.Contains("最初に選ばれた取組", page);
    }

    [Fact]
    public async Task The_results_are_404_one_tick_before_publication_whatever_the_url_and_public_at_it_with_winners_and_review()
    {
        var publishAt = WholeSecond(app.Now).AddDays(3);
        var round = await Awards.SeedRoundAsync(app, AwardPhase.Deciding, app.Now, windows: ClosedJudgingBefore(publishAt));
        var declaration = await Infrastructure.Declarations.SeedAsync(app);
        var winner = await Awards.SeedEntryAsync(app, round, declaration.Id, "公表テレワーク株式会社", "012025", title: "港町サテライトオフィスの取組");
        await Awards.SeedEntryAsync(app, round, declaration.Id, "落選テレワーク株式会社", "011002", title: "選ばれなかった取組");
        var partner = await SeedPartnerAwardEntryAsync(round, "012025", "函館市", "函館市の受入れ");
        using var admin = await Staff.AdminAsync(app);
        (await admin.PostAsJsonAsync($"/api/v1/award/rounds/{round.Id}/decisions",
            new { categoryCode = "regional-projects", winnerEntryIds = new[] { winner }, review = "港町の企業と移住者をつないだ点を評価した。" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/award/rounds/{round.Id}/decisions",
            new { categoryCode = AwardDefaults.PartnerCategoryCode, winnerEntryIds = new[] { partner }, review = "受入れ体制を評価した。" })).EnsureSuccessStatusCode();

        app.Clock.Advance(publishAt - app.Now - TimeSpan.FromTicks(1));
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = app.BaseAddress });
        string[] urls =
        [
            $"/award/{round.Year}", $"/award/{round.Year}/", $"/award/{round.Year}?culture=en", $"/award/{round.Year}?x=1",
            $"/Award/{round.Year}", $"/api/v1/public/award/{round.Year}", $"/api/v1/public/award/{round.Year}/", $"/api/v1/public/award/{round.Year}?culture=en",
        ];
        foreach (var url in urls)
        {
            var response = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode} before publication");
            Assert.DoesNotContain("港町", await response.Content.ReadAsStringAsync());
            Assert.DoesNotContain("max-age", response.Headers.CacheControl?.ToString() ?? "");
        }
        var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/award/{round.Year}"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/award/{Awards.UniqueYear()}")).StatusCode);
        Assert.DoesNotContain($"/award/{round.Year}\"", await anonymous.GetStringAsync("/award"));

        app.Clock.Advance(TimeSpan.FromTicks(1));
        var pageResponse = await anonymous.GetAsync($"/award/{round.Year}");
        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        Assert.Equal("public, max-age=300", pageResponse.Headers.CacheControl?.ToString());
        var page = await pageResponse.Content.ReadAsStringAsync();
        Assert.Contains(round.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), page);
        Assert.Contains("公表テレワーク株式会社", page);
        Assert.Contains("港町サテライトオフィスの取組", page);
        Assert.Contains("函館市", page);
        Assert.Contains("港町の企業と移住者をつないだ点を評価した。", page);
        Assert.Contains("受入れ体制を評価した。", page);
        Assert.Contains("該当なし", page);
        Assert.DoesNotContain("選ばれなかった取組", page);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/award/{round.Year}/"))).StatusCode);
        Assert.Contains($"/award/{round.Year}\"", await anonymous.GetStringAsync("/award"));
        var english = await anonymous.GetStringAsync($"/award/{round.Year}?culture=en");
        Assert.Contains("Taking part in regional problem-solving projects", english);
        Assert.Contains("No award", english);

        var api = await anonymous.GetAsync($"/api/v1/public/award/{round.Year}");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var json = await api.Content.ReadFromJsonAsync<JsonElement>();
        var categories = json.GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(AwardDefaults.Categories.Select(c => c.Code), categories.Select(c => c.GetProperty("code").GetString()));
        var regional = categories[0];
        Assert.True(regional.GetProperty("decided").GetBoolean());
        var w = Assert.Single(regional.GetProperty("winners").EnumerateArray());
        Assert.Equal(("公表テレワーク株式会社", "港町サテライトオフィスの取組", "函館市"),
            (w.GetProperty("organizationName").GetString(), w.GetProperty("title").GetString(), w.GetProperty("partnerMunicipalities")[0].GetString()));
        Assert.Equal("港町の企業と移住者をつないだ点を評価した。", regional.GetProperty("review").GetString());
        Assert.False(categories[1].GetProperty("decided").GetBoolean());
        var partnerWinner = Assert.Single(categories[3].GetProperty("winners").EnumerateArray());
        Assert.Equal("公表テレワーク株式会社", Assert.Single(partnerWinner.GetProperty("partnerEntries").EnumerateArray()).GetProperty("organizationName").GetString());
    }

    [Fact]
    public async Task Each_entrant_gets_exactly_one_outcome_mail_at_publication_even_when_sweeps_overlap()
    {
        var publishAt = WholeSecond(app.Now).AddDays(2);
        var round = await Awards.SeedRoundAsync(app, AwardPhase.Deciding, app.Now, windows: ClosedJudgingBefore(publishAt));
        var winnerDeclaration = await Infrastructure.Declarations.SeedAsync(app);
        var losers = new[] { await Infrastructure.Declarations.SeedAsync(app), await Infrastructure.Declarations.SeedAsync(app) };
        var drafter = await Infrastructure.Declarations.SeedAsync(app);
        var winner = await Awards.SeedEntryAsync(app, round, winnerDeclaration.Id, "受賞メール株式会社", "012025", categoryCode: "promotion-support", title: "受賞した取組");
        await Awards.SeedEntryAsync(app, round, losers[0].Id, "選外メール株式会社", "011002", title: "選外の取組1");
        await Awards.SeedEntryAsync(app, round, losers[1].Id, "選外メール二株式会社", "131016", categoryCode: "promotion-support", title: "選外の取組2");
        await Awards.SeedEntryAsync(app, round, drafter.Id, "下書きメール株式会社", "012033", submitted: false);
        using var admin = await Staff.AdminAsync(app);
        (await admin.PostAsJsonAsync($"/api/v1/award/rounds/{round.Id}/decisions",
            new { categoryCode = "promotion-support", winnerEntryIds = new[] { winner }, review = "講評" })).EnsureSuccessStatusCode();

        Task<List<ConsultDesk.Domain.OutboxMail>> MailsAsync(string email) =>
            app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(o => o.ToAddress == email && o.Kind == SendAwardResultMails.Kind).ToListAsync());

        await app.SweepResultsAsync();
        Assert.Empty(await MailsAsync(winnerDeclaration.ContactEmail));

        app.Clock.Advance(publishAt - app.Now);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(app.SweepResultsAsync)));
        await app.SweepResultsAsync();

        var won = Assert.Single(await MailsAsync(winnerDeclaration.ContactEmail));
        Assert.Contains("地方創生テレワーク促進支援", won.TextBody);
        Assert.Contains("受賞されました", won.TextBody);
        Assert.Contains($"/award/{round.Year}", won.TextBody);
        Assert.Contains("受賞した取組", won.TextBody);
        foreach (var loser in losers)
        {
            var mail = Assert.Single(await MailsAsync(loser.ContactEmail));
            Assert.Contains("受賞に至りませんでした", mail.TextBody);
            Assert.DoesNotContain("受賞されました", mail.TextBody);
        }
        Assert.Empty(await MailsAsync(drafter.ContactEmail));
        var mailedAt = await app.WithDbAsync(db => db.AwardRounds.Where(r => r.Id == round.Id).Select(r => r.ResultsMailedAt).SingleAsync());
        Assert.Equal(publishAt, mailedAt);
        Assert.Equal(1, await Awards.CountEventsAsync(app, winner, "results-mailed"));
    }
}

[Collection(AwardSqliteCollection.Name)]
public sealed class SqliteAwardResultsTests(AwardSqliteApp app) : AwardResultsTests(app);

[Collection(AwardPostgresCollection.Name)]
public sealed class PostgresAwardResultsTests(AwardPostgresApp app) : AwardResultsTests(app);
