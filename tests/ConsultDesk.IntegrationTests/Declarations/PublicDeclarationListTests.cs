using System.Net;
using System.Net.Http.Json;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using ConsultDesk.Data;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Seeds = ConsultDesk.IntegrationTests.Infrastructure.Declarations;

namespace ConsultDesk.IntegrationTests.Declarations;

/// <summary>/sengen, /sengen/{number}, the Atom feed and the public JSON API on both databases.</summary>
public abstract class PublicDeclarationListTests(ConsultDeskAppFactory app)
{
    /// <summary>Kanji no other declaration carries, so a search for part of them finds only this test's rows.</summary>
    private static string Tag(int length = 4) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => (char)Random.Shared.Next(0x4E00, 0x9FA0)));

    private static async Task<JsonElement> ListAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/public/declarations?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static int[] Numbers(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetInt32())];

    [Fact]
    public async Task Each_filter_narrows_the_list_to_the_declarations_that_match_it()
    {
        var tag = Tag();
        var okinawa = await Seeds.SeedAsync(app, content: Seeds.Content(organizationName: $"株式会社{tag}沖縄", prefectureCode: "47",
            localGovernmentCode: "472018", industry: "G", employees: 10, itemCodes: ["1", "3"]));
        var hokkaido = await Seeds.SeedAsync(app, content: Seeds.Content(organizationName: $"株式会社{tag}北海道", prefectureCode: "01",
            localGovernmentCode: "011002", industry: "E", employees: 500, itemCodes: ["5"]));
        using var anonymous = app.CreateClient();

        Assert.Equal([hokkaido.Number!.Value, okinawa.Number!.Value], Numbers(await ListAsync(anonymous, $"q={tag}")));
        Assert.Equal([okinawa.Number.Value], Numbers(await ListAsync(anonymous, $"q={tag}&prefectureCode=47")));
        Assert.Equal([hokkaido.Number.Value], Numbers(await ListAsync(anonymous, $"q={tag}&industry=E")));
        Assert.Equal([okinawa.Number.Value], Numbers(await ListAsync(anonymous, $"q={tag}&size=small")));
        Assert.Equal([hokkaido.Number.Value], Numbers(await ListAsync(anonymous, $"q={tag}&size=large")));
        Assert.Empty(Numbers(await ListAsync(anonymous, $"q={tag}&size=medium")));
        Assert.Equal([okinawa.Number.Value], Numbers(await ListAsync(anonymous, $"q={tag}&item=3")));
        Assert.Equal([hokkaido.Number.Value], Numbers(await ListAsync(anonymous, $"q={tag}&item=5")));

        // Without a word: the newest in the prefecture comes first and every row is in it.
        var prefecture = await ListAsync(anonymous, "prefectureCode=47&limit=100");
        Assert.Equal(okinawa.Number.Value, Numbers(prefecture)[0]);
        Assert.All(prefecture.GetProperty("items").EnumerateArray(), i => Assert.Equal("47", i.GetProperty("prefectureCode").GetString()));
        var item = await ListAsync(anonymous, "item=5&limit=100");
        Assert.Equal(hokkaido.Number.Value, Numbers(item)[0]);
        Assert.All(item.GetProperty("items").EnumerateArray(), i => Assert.Contains("5", i.GetProperty("itemCodes").EnumerateArray().Select(c => c.GetString())));

        // The page takes the same filters from its GET form.
        var html = await anonymous.GetStringAsync($"/sengen?q={Uri.EscapeDataString(tag)}&prefecture=01&industry=E&size=large&item=5");
        Assert.Contains($"href=\"/sengen/{hokkaido.Number}\"", html);
        Assert.DoesNotContain($"href=\"/sengen/{okinawa.Number}\"", html);
        Assert.Contains("1件", html);
    }

    [Fact]
    public async Task A_two_character_word_inside_a_name_or_a_commitment_finds_only_listed_declarations()
    {
        var nameTag = Tag();
        var textTag = Tag();
        var named = await Seeds.SeedAsync(app, content: Seeds.Content(organizationName: $"{nameTag}テレワーク株式会社"));
        var committed = await Seeds.SeedAsync(app, content: Seeds.Content(organizationName: "取組検索テスト株式会社") with
        {
            Commitments = [new DeclarationCommitment("2", $"地方の拠点で{textTag}を採用し育成します。")],
        });
        var withdrawn = await Seeds.SeedAsync(app, DeclarationStatus.Withdrawn, Seeds.Content(organizationName: $"{nameTag}取下株式会社"));
        var returned = await Seeds.SeedAsync(app, DeclarationStatus.Returned, Seeds.Content(organizationName: $"{nameTag}差戻株式会社"));
        using var anonymous = app.CreateClient();

        var byName = await ListAsync(anonymous, "q=" + Uri.EscapeDataString(nameTag[1..3]));
        Assert.Equal([named.Number!.Value], Numbers(byName));
        Assert.Equal(1, byName.GetProperty("total").GetInt32());
        Assert.Equal([committed.Number!.Value], Numbers(await ListAsync(anonymous, "q=" + Uri.EscapeDataString(textTag[2..]))));
        Assert.DoesNotContain(withdrawn.Number!.Value, Numbers(await ListAsync(anonymous, "q=" + Uri.EscapeDataString(nameTag))));
        Assert.Null(returned.Number);

        var html = await anonymous.GetStringAsync("/sengen?q=" + Uri.EscapeDataString(textTag[1..3]));
        Assert.Contains("取組検索テスト株式会社", html);
        Assert.Contains($"href=\"/sengen/{committed.Number}\"", html);
    }

    [Fact]
    public async Task An_accepted_change_replaces_the_searchable_text()
    {
        var before = Tag();
        var after = Tag();
        var seeded = await Seeds.SeedAsync(app, content: Seeds.Content(organizationName: $"{before}変更前株式会社"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConsultDeskDbContext>();
            var numbers = scope.ServiceProvider.GetRequiredService<DeclarationNumbers>();
            var declaration = await db.Declarations.SingleAsync(d => d.Id == seeded.Id);
            var content = Seeds.Content(organizationName: $"{after}変更後株式会社", itemCodes: ["4"]);
            var (version, submitted) = declaration.Resubmit(content, DateTime.UtcNow);
            db.DeclarationVersions.Add(version);
            db.DeclarationEvents.AddRange(submitted, declaration.Accept(version, null, Guid.Empty, DateTime.UtcNow));
            await numbers.ReplacePublicItemsAsync(declaration, content, default);
            await db.SaveChangesAsync();
        }
        using var anonymous = app.CreateClient();

        Assert.Empty(Numbers(await ListAsync(anonymous, "q=" + Uri.EscapeDataString(before))));
        Assert.Equal([seeded.Number!.Value], Numbers(await ListAsync(anonymous, "q=" + Uri.EscapeDataString(after[..2]))));
        Assert.Equal([seeded.Number.Value], Numbers(await ListAsync(anonymous, $"q={Uri.EscapeDataString(after)}&item=4")));
        Assert.Empty(Numbers(await ListAsync(anonymous, $"q={Uri.EscapeDataString(after)}&item=1")));
    }

    [Fact]
    public async Task Pages_follow_the_number_downwards_with_a_cursor()
    {
        var tag = Tag();
        var seeded = new List<int>();
        for (var i = 0; i < 3; i++) seeded.Add((await Seeds.SeedAsync(app, content: Seeds.Content(organizationName: $"{tag}頁{i}株式会社"))).Number!.Value);
        using var anonymous = app.CreateClient();

        var first = await ListAsync(anonymous, $"q={tag}&limit=2");
        Assert.Equal([seeded[2], seeded[1]], Numbers(first));
        Assert.Equal(3, first.GetProperty("total").GetInt32());
        var cursor = first.GetProperty("nextCursor").GetString();
        Assert.NotNull(cursor);
        var second = await ListAsync(anonymous, $"q={tag}&limit=2&cursor={cursor}");
        Assert.Equal([seeded[0]], Numbers(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        var bad = await anonymous.GetAsync("/api/v1/public/declarations?limit=1000&size=huge");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/public/declarations?cursor=abc")).StatusCode);
    }

    [Fact]
    public async Task The_public_page_shows_the_public_fields_and_never_the_contact()
    {
        var name = $"公開項目{Tag()}株式会社";
        var content = Seeds.Content(organizationName: name, itemCodes: ["1", "5"]);
        var seeded = await Seeds.SeedAsync(app, content: content);
        using var anonymous = app.CreateClient();

        var response = await anonymous.GetAsync($"/sengen/{seeded.Number}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(name, html);
        Assert.Contains("テストセンゲン", html);
        Assert.Contains($"第{seeded.Number:D6}号", html);
        Assert.Contains(content.CorporateNumber!, html);
        Assert.Contains("東京都", html);
        Assert.Contains("千代田区", html);
        Assert.Contains("情報通信業", html);
        Assert.Contains("代表取締役", html);
        Assert.Contains("宣言 太郎", html);
        Assert.Contains("https://example.jp/", html);
        Assert.Contains("【1】採用の優位性の確保・社員の離職防止", html);
        Assert.Contains("【5】ワーケーション推進", html);
        Assert.Contains("【5】の取組としてテレワーク規程を整備します。", html);
        Assert.Contains($"href=\"/sengen/{seeded.Number}/certificate.pdf\"", html);
        foreach (var secret in new[] { content.ContactEmail, content.ContactPhone, "03-1234-5678", "ハナコ", "人事部", "永田町", "1000014", "100-0014" })
            Assert.DoesNotContain(secret, html);

        var json = await anonymous.GetStringAsync($"/api/v1/public/declarations/{seeded.Number}");
        Assert.Contains(name, json);
        foreach (var secret in new[] { content.ContactEmail, content.ContactPhone, "ハナコ", "永田町", "contact" })
            Assert.DoesNotContain(secret, json, StringComparison.OrdinalIgnoreCase);
        var list = await anonymous.GetStringAsync($"/api/v1/public/declarations?q={Uri.EscapeDataString(name[4..8])}");
        Assert.DoesNotContain(content.ContactEmail, list);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/sengen/99999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/public/declarations/99999999")).StatusCode);
    }

    [Fact]
    public async Task A_withdrawn_declaration_says_so_and_shows_nothing_else()
    {
        var name = $"取下表示{Tag()}株式会社";
        var seeded = await Seeds.SeedAsync(app, DeclarationStatus.Withdrawn, Seeds.Content(organizationName: name));
        using var anonymous = app.CreateClient();

        var response = await anonymous.GetAsync($"/sengen/{seeded.Number}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("取り下げられました", html);
        Assert.Contains($"第{seeded.Number:D6}号", html);
        Assert.DoesNotContain(name, html);
        Assert.DoesNotContain(seeded.ContactEmail, html);
        Assert.DoesNotContain("certificate.pdf", html);

        var api = await anonymous.GetAsync($"/api/v1/public/declarations/{seeded.Number}");
        Assert.Equal(HttpStatusCode.Gone, api.StatusCode);
        Assert.DoesNotContain(name, await api.Content.ReadAsStringAsync());
        Assert.DoesNotContain($"href=\"/sengen/{seeded.Number}\"", await anonymous.GetStringAsync("/sengen?q=" + Uri.EscapeDataString(name[4..8])));
    }

    [Fact]
    public async Task The_pages_answer_304_to_their_etag_until_a_declaration_is_accepted()
    {
        var seeded = await Seeds.SeedAsync(app);
        using var anonymous = app.CreateClient();

        foreach (var url in new[] { "/sengen", $"/sengen/{seeded.Number}" })
        {
            var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl!.Public);
            Assert.Equal(TimeSpan.FromSeconds(300), response.Headers.CacheControl.MaxAge);
            var etag = response.Headers.ETag!;

            using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
            conditional.Headers.IfNoneMatch.Add(etag);
            var notModified = await anonymous.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Equal(etag, notModified.Headers.ETag);

            await Seeds.SeedAsync(app);
            using var stale = new HttpRequestMessage(HttpMethod.Get, url);
            stale.Headers.IfNoneMatch.Add(etag);
            var changed = await anonymous.SendAsync(stale);
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.NotEqual(etag, changed.Headers.ETag);
        }
    }

    [Fact]
    public async Task The_atom_feed_lists_new_declarants_with_rfc3339_dates()
    {
        var name = $"フィード{Tag()}株式会社";
        var seeded = await Seeds.SeedAsync(app, content: Seeds.Content(organizationName: name));
        using var anonymous = app.CreateClient();

        var response = await anonymous.GetAsync("/sengen/feed.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var xml = await response.Content.ReadAsStringAsync();

        using var reader = XmlReader.Create(new StringReader(xml));
        var feed = SyndicationFeed.Load(reader);
        var entry = feed.Items.First();
        Assert.Contains(name, entry.Title.Text);
        Assert.Equal($"/sengen/{seeded.Number}", entry.Links.Single().Uri.AbsolutePath);
        var updated = Regex.Matches(xml, "<updated>([^<]+)</updated>").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(updated);
        Assert.All(updated, u => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", u));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqlitePublicDeclarationListTests(SqliteApp app) : PublicDeclarationListTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresPublicDeclarationListTests(PostgresApp app) : PublicDeclarationListTests(app);
