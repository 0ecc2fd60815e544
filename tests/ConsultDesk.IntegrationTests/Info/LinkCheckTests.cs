using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsultDesk.Domain.Info;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.IntegrationTests.Info;

/// <summary>The link checker against a local HTTP server that answers 200, 301, 404, slowly, with a reset, and with robots.txt.</summary>
public abstract partial class LinkCheckTests(ConsultDeskAppFactory app)
{
    private Task<Dictionary<string, InfoLink>> LinksAsync(Guid itemId) =>
        app.WithDbAsync(async db => await db.InfoLinks.AsNoTracking().Where(l => l.ItemId == itemId).ToDictionaryAsync(l => l.Url));

    [Fact]
    public async Task The_weekly_run_marks_404_reset_and_slow_broken_301_redirected_respects_robots_and_two_per_host_and_reuses_results_for_a_day()
    {
        await using var server = new LinkTestServer();
        string U(string path) => server.Url(path);
        var body = $"""
            ## リンク

            - [正常]({U("/ok")})
            - [移転]({U("/moved")})
            - [なし]({U("/missing")})
            - [遅い]({U("/slow")})
            - [切断]({U("/reset")})
            - [禁止]({U("/private/x")})
            - <{U("/head-405")}>
            """;
        var item = await InfoSeed.SeedAsync(app, InfoKind.Policy, InfoSeed.Policy(url: U("/ok"), body: body));
        var many = await InfoSeed.SeedAsync(app, InfoKind.Policy, InfoSeed.Policy(url: null,
            body: string.Join("\n", Enumerable.Range(1, 10).Select(i => $"- [{i}]({U($"/many/{i}")})"))));
        var draft = await InfoSeed.SeedAsync(app, InfoKind.Policy, InfoSeed.Policy(url: U("/ok?draft=1")), publish: false);

        var started = DateTime.UtcNow;
        var run = await LinkChecks.RunWeeklyAsync(app, server);

        Assert.Equal(17, run.Checked);
        Assert.Equal(16, run.Requested);
        Assert.Equal(3, run.Broken);
        var links = await LinksAsync(item);
        Assert.Equal(7, links.Count);
        Assert.All(links.Values, l => Assert.InRange(l.CheckedAt!.Value, started.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1)));

        var ok = links[U("/ok")];
        Assert.True(ok.IsMain);
        Assert.Equal((LinkState.Ok, 200), (ok.State, ok.HttpStatus));

        var moved = links[U("/moved")];
        Assert.Equal((LinkState.Redirected, 200, U("/ok")), (moved.State, moved.HttpStatus, moved.FinalUrl));
        Assert.Equal("301 " + U("/ok"), moved.Redirects);

        var missing = links[U("/missing")];
        Assert.Equal((LinkState.Broken, 404), (missing.State, missing.HttpStatus));
        Assert.Contains("見つかりません", missing.Detail);

        var slow = links[U("/slow")];
        Assert.Equal((LinkState.Broken, (int?)null), (slow.State, slow.HttpStatus));
        Assert.Contains("タイムアウト", slow.Detail);

        var reset = links[U("/reset")];
        Assert.Equal((LinkState.Broken, (int?)null), (reset.State, reset.HttpStatus));
        Assert.Matches("リセット|切断", reset.Detail!);

        var forbidden = links[U("/private/x")];
        Assert.Equal(LinkState.Unchecked, forbidden.State);
        Assert.Contains("robots.txt", forbidden.Detail);
        Assert.Equal(0, server.Count("/private/x"));

        var head405 = links[U("/head-405")];
        Assert.Equal((LinkState.Ok, 200), (head405.State, head405.HttpStatus));
        Assert.Equal((1, 1), (server.Count("HEAD /head-405"), server.Count("GET /head-405")));

        Assert.All((await LinksAsync(many)).Values, l => Assert.Equal(LinkState.Ok, l.State));
        Assert.Equal(10, server.CountUnder("HEAD /many/"));
        Assert.InRange(server.MaxInFlight, 1, 2);
        Assert.Equal(1, server.Count("/robots.txt"));

        var drafts = await LinksAsync(draft);
        Assert.Equal((LinkState.Unchecked, (DateTime?)null), (drafts.Values.Single().State, drafts.Values.Single().CheckedAt));
        Assert.Equal(0, server.Count("/ok?draft=1"));

        // Within a day the results are reused: a second run asks the server nothing.
        var requests = server.Requests.Values.Sum();
        var again = await LinkChecks.RunWeeklyAsync(app, server);
        Assert.Equal(0, again.Checked);
        Assert.Equal(requests, server.Requests.Values.Sum());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();

    [Fact]
    public async Task An_editor_lists_broken_links_and_checks_one_item_now_through_the_api_and_the_page()
    {
        await using var server = new LinkTestServer();
        var word = InfoSeed.UniqueWord();
        var item = await InfoSeed.SeedAsync(app, InfoKind.Policy, InfoSeed.Policy(title: $"リンク確認 {word}", url: server.Url("/missing?" + word),
            body: $"[移転]({server.Url("/moved?" + word)})"), publish: false);
        var (editor, _) = await InfoSeed.NewEditorAsync(app);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/info/links")).StatusCode);
        var before = await editor.GetFromJsonAsync<JsonElement>($"/api/v1/info/items/{item}/links");
        Assert.All(before.GetProperty("links").EnumerateArray(), l => Assert.Equal("unchecked", l.GetProperty("state").GetString()));

        var checkedNow = await editor.PostAsync($"/api/v1/info/items/{item}/check-links", null);
        Assert.Equal(HttpStatusCode.OK, checkedNow.StatusCode);
        var links = (await checkedNow.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("links").EnumerateArray().ToList();
        Assert.Equal(2, links.Count);
        Assert.Equal(("broken", 404, true), (links[0].GetProperty("state").GetString(), links[0].GetProperty("httpStatus").GetInt32(), links[0].GetProperty("isMain").GetBoolean()));
        Assert.Equal("redirected", links[1].GetProperty("state").GetString());
        Assert.Equal(["301 " + server.Url("/ok")], links[1].GetProperty("redirects").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.EndsWith("Z", links[1].GetProperty("checkedAt").GetString());

        var broken = await editor.GetFromJsonAsync<JsonElement>("/api/v1/info/links?state=broken&limit=100");
        var row = Assert.Single(broken.GetProperty("items").EnumerateArray(), l => l.GetProperty("itemId").GetGuid() == item);
        Assert.Contains(word, row.GetProperty("itemTitle").GetString());
        Assert.DoesNotContain(broken.GetProperty("items").EnumerateArray(), l => l.GetProperty("state").GetString() != "broken");
        Assert.Contains((await editor.GetFromJsonAsync<JsonElement>("/api/v1/info/links")).GetProperty("items").EnumerateArray(),
            l => l.GetProperty("itemId").GetGuid() == item && l.GetProperty("state").GetString() == "redirected");
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.GetAsync("/api/v1/info/links?state=nonsense")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.PostAsync($"/api/v1/info/items/{Guid.NewGuid()}/check-links", null)).StatusCode);

        // The pages, without script: the list shows the broken link with its item; 「今すぐ確認」 posts and shows the results.
        var list = await editor.GetStringAsync("/desk/info/links");
        Assert.Contains($"href=\"/desk/info/{item}\"", list);
        Assert.Contains("リンク切れ", list);
        Assert.Contains("HTTP 404", list);
        var english = await editor.GetStringAsync("/desk/info/links?state=redirected&culture=en");
        Assert.Contains("Redirected", english);
        Assert.Contains(WebUtility.HtmlEncode(server.Url("/moved?" + word)), english);

        var page = await editor.GetStringAsync($"/desk/info/{item}/links");
        Assert.Contains("今すぐ確認", page);
        var requests = server.Requests.Values.Sum();
        var posted = await editor.PostAsync($"/desk/info/{item}/links", new FormUrlEncodedContent([
            new("__RequestVerificationToken", AntiForgery().Match(page).Groups[1].Value), new("check", "now")]));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var answer = await posted.Content.ReadAsStringAsync();
        Assert.Contains("リンクを確認しました（2 件）", answer);
        Assert.True(server.Requests.Values.Sum() > requests);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LinkCheckSqliteTests(SqliteApp app) : LinkCheckTests(app);

[Collection(PostgresCollection.Name)]
public sealed class LinkCheckPostgresTests(PostgresApp app) : LinkCheckTests(app);
