using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Info;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ConsultDesk.IntegrationTests.Info;

/// <summary>The public portal: finders (facets, counts, search, 受付中, sort), the item page, feeds, the sitemap and caching, on both databases.</summary>
public abstract class InfoFinderTests(ConsultDeskAppFactory app)
{
    private static async Task<JsonElement> FindAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/public/info/policy?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string[] Slugs(JsonElement result) => [.. result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!)];

    /// <summary>value → (count, selected) of one facet.</summary>
    private static Dictionary<string, (int Count, bool Selected)> Facet(JsonElement result, string key) =>
        result.GetProperty("facets").EnumerateArray().Single(f => f.GetProperty("key").GetString() == key)
            .GetProperty("values").EnumerateArray()
            .ToDictionary(v => v.GetProperty("value").GetString()!, v => (v.GetProperty("count").GetInt32(), v.GetProperty("selected").GetBoolean()));

    [Fact]
    public async Task Facets_narrow_the_finder_with_counts_from_the_other_facets_and_a_partial_word_finds_items()
    {
        var word = InfoSeed.UniqueWord();
        var today = JapanTime.Today(TimeProvider.System);
        var now = DateTime.UtcNow;
        string a = InfoSeed.UniqueSlug("a"), b = InfoSeed.UniqueSlug("b"), c = InfoSeed.UniqueSlug("c"), draft = InfoSeed.UniqueSlug("d");
        await InfoSeed.SeedAsync(app, InfoKind.Policy, InfoSeed.Policy($"施策A {word}", "telework-adoption", "mhlw", ["company"],
            prefectures: [InfoCodes.National], opensOn: today.AddDays(-5), closesOn: today.AddDays(10)), now.AddMinutes(-3), slug: a);
        await InfoSeed.SeedAsync(app, InfoKind.Policy, InfoSeed.Policy($"施策B {word}", "security", "mic", ["company", "municipality"],
            prefectures: ["13"], opensOn: today.AddDays(-30), closesOn: today.AddDays(-1)), now.AddMinutes(-2), slug: b);
        await InfoSeed.SeedAsync(app, InfoKind.Policy, InfoSeed.Policy($"施策C {word}", "telework-adoption", "mic", ["worker"],
            prefectures: ["01"]), now.AddMinutes(-1), slug: c);
        await InfoSeed.SeedAsync(app, InfoKind.Policy, InfoSeed.Policy($"下書き {word}", "telework-adoption", "mic"), now, publish: false, slug: draft);
        using var anonymous = app.CreateClient();
        var q = "q=" + Uri.EscapeDataString(word);

        // The word alone: the three published items, newest first; the draft never.
        var all = await FindAsync(anonymous, q);
        Assert.Equal([c, b, a], Slugs(all));
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal((2, false), Facet(all, "category")["telework-adoption"]);
        Assert.Equal((2, false), Facet(all, "ministry")["mic"]);
        Assert.Equal((2, false), Facet(all, "party")["company"]);

        // A part of the word in the middle of it finds the same items.
        Assert.Equal([c, b, a], Slugs(await FindAsync(anonymous, "q=" + Uri.EscapeDataString(word.Substring(3, 4)))));

        // Two facets: AND across facets; each facet counts over what the other facets keep.
        var narrowed = await FindAsync(anonymous, q + "&category=telework-adoption&ministry=mic");
        Assert.Equal([c], Slugs(narrowed));
        Assert.Equal(1, narrowed.GetProperty("total").GetInt32());
        var categories = Facet(narrowed, "category");      // ministry=mic keeps B and C
        Assert.Equal((1, true), categories["telework-adoption"]);
        Assert.Equal((1, false), categories["security"]);
        var ministries = Facet(narrowed, "ministry");       // category=telework-adoption keeps A and C
        Assert.Equal((1, true), ministries["mic"]);
        Assert.Equal((1, false), ministries["mhlw"]);
        var parties = Facet(narrowed, "party");             // both keep C only; a value no item has is hidden
        Assert.Equal((1, false), parties["worker"]);
        Assert.False(parties.ContainsKey("company"));

        // OR within a facet.
        Assert.Equal([c, b, a], Slugs(await FindAsync(anonymous, q + "&category=telework-adoption&category=security")));

        // A prefecture also finds the nationwide items, and its count says so.
        var tokyo = await FindAsync(anonymous, q + "&prefecture=13");
        Assert.Equal([b, a], Slugs(tokyo));
        var prefectures = Facet(tokyo, "prefecture");
        Assert.Equal((2, true), prefectures["13"]);
        Assert.Equal((2, false), prefectures["01"]);
        Assert.Equal((1, false), prefectures[InfoCodes.National]);

        // 受付中のみ and the deadline order (no deadline last).
        Assert.Equal([a], Slugs(await FindAsync(anonymous, q + "&open=1")));
        Assert.Equal([b, a, c], Slugs(await FindAsync(anonymous, q + "&sort=deadline")));

        // The page takes the same query from its GET form: checkboxes with counts, the result count, the feed link.
        var html = await anonymous.GetStringAsync($"/info/policy?{q}&category=telework-adoption&ministry=mic");
        Assert.Contains($"href=\"/info/policy/{c}\"", html);
        Assert.DoesNotContain($"href=\"/info/policy/{a}\"", html);
        Assert.Contains("1件が見つかりました", html);
        Assert.Matches("name=\"ministry\" value=\"mic\" checked", html);
        Assert.Contains("application/atom+xml", html);
        var openHtml = await anonymous.GetStringAsync($"/info/policy?{q}&open=1");
        Assert.Contains($"href=\"/info/policy/{a}\"", openHtml);
        Assert.Contains("class=\"badge info-open\">受付中<", openHtml);

        // Bad input is a 400 with field errors, never a 500, on the API and the page.
        foreach (var bad in new[] { "category=bogus", "ministry=mic&publisher=x", "q=" + new string('あ', 101), "page=0", "page=abc", "open=maybe", "sort=oldest" })
        {
            var response = await anonymous.GetAsync("/api/v1/public/info/policy?" + bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.NotEmpty(problem.GetProperty("errors").EnumerateObject());
            Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/info/policy?" + bad)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/public/info/nothing")).StatusCode);
    }

    [Fact]
    public async Task Feeds_the_sitemap_and_item_pages_show_published_items_only_with_link_state_and_caching()
    {
        var word = InfoSeed.UniqueWord();
        string published = InfoSeed.UniqueSlug("pub"), other = InfoSeed.UniqueSlug("oth"), draft = InfoSeed.UniqueSlug("dra");
        var publishedId = await InfoSeed.SeedAsync(app, InfoKind.Policy, InfoSeed.Policy($"公開施策 {word}", ministry: "mhlw", url: "https://example.jp/landing")
            with { TitleEn = $"Published policy {word}" }, slug: published);
        await InfoSeed.SeedAsync(app, InfoKind.Policy, InfoSeed.Policy($"別の施策 {word}", ministry: "mic"), slug: other);
        await InfoSeed.SeedAsync(app, InfoKind.Policy, InfoSeed.Policy($"下書き施策 {word}", ministry: "mhlw"), publish: false, slug: draft);
        using var anonymous = app.CreateClient();

        // The feed of a filtered finder URL holds what the finder holds, with RFC 3339 dates and itself as self link.
        var feedPath = $"/info/policy/feed.atom?q={Uri.EscapeDataString(word)}&ministry=mhlw";
        var response = await anonymous.GetAsync(feedPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var xml = await response.Content.ReadAsStringAsync();
        using (var reader = XmlReader.Create(new StringReader(xml)))
        {
            var feed = SyndicationFeed.Load(reader);
            var entry = Assert.Single(feed.Items);
            Assert.Contains(word, entry.Title.Text);
            Assert.Equal($"/info/policy/{published}", entry.Links.Single().Uri.AbsolutePath);
            var self = feed.Links.Single(l => l.RelationshipType == "self").Uri;
            Assert.Equal("/info/policy/feed.atom", self.AbsolutePath);
            Assert.Contains("ministry=mhlw", self.Query);
        }
        Assert.Matches(@"<updated>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})</updated>", xml);

        // The sitemap lists the published item with its last change, not the draft.
        var sitemap = XDocument.Parse(await anonymous.GetStringAsync("/sitemap.xml"));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var urls = sitemap.Root!.Elements(ns + "url").ToDictionary(u => new Uri(u.Element(ns + "loc")!.Value).AbsolutePath, u => u.Element(ns + "lastmod")?.Value);
        Assert.NotNull(urls[$"/info/policy/{published}"]);
        Assert.DoesNotContain($"/info/policy/{draft}", urls.Keys);
        Assert.Contains("/info", urls.Keys);
        Assert.Contains("/inquiries/company", urls.Keys);
        Assert.Contains("/offices", urls.Keys);

        // The item page: content, Open Graph, "as of", the link not yet checked; a draft is not found.
        var page = await anonymous.GetAsync($"/info/policy/{published}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"公開施策 {word}", html);
        Assert.Contains("property=\"og:title\"", html);
        Assert.Contains("2026-12-01", html);
        Assert.Contains("リンクは未確認です", html);
        Assert.DoesNotContain("掲載先のページを開けませんでした", html);
        Assert.Contains($"Published policy {word}", await anonymous.GetStringAsync($"/info/policy/{published}?culture=en"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/info/policy/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/public/info/policy/{draft}")).StatusCode);

        // 304 for a current copy; a link check changes the version, and a broken main link is said on the page and in the API.
        var etag = page.Headers.ETag!;
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, $"/info/policy/{published}"))
        {
            conditional.Headers.IfNoneMatch.Add(etag);
            Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(conditional)).StatusCode);
        }
        await app.WithDbAsync(async db =>
        {
            var link = await db.InfoLinks.SingleAsync(l => l.ItemId == publishedId && l.IsMain);
            link.Record(LinkState.Broken, 404, null, null, "404", DateTime.UtcNow);
            await db.SaveChangesAsync();
            return 0;
        });
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, $"/info/policy/{published}"))
        {
            conditional.Headers.IfNoneMatch.Add(etag);
            var fresh = await anonymous.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
            var freshHtml = await fresh.Content.ReadAsStringAsync();
            Assert.Contains("リンク切れ", freshHtml);
            Assert.Contains("掲載先のページを開けませんでした", freshHtml);
        }
        var json = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/public/info/policy/{published}");
        Assert.Equal("broken", json.GetProperty("link").GetProperty("state").GetString());
        Assert.EndsWith("Z", json.GetProperty("publishedAt").GetString());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteInfoFinderTests(SqliteApp app) : InfoFinderTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresInfoFinderTests(PostgresApp app) : InfoFinderTests(app);
