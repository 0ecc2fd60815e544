using System.Net;
using System.Net.Http.Headers;
using ConsultDesk.Domain.Matching;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Matching;

public abstract class OfficesDirectoryTests(ConsultDeskAppFactory app)
{
    [Fact]
    public async Task The_directory_lists_published_offices_without_signing_in_and_answers_304_to_its_etag()
    {
        var shown = await Profiles.AddAsync(app, "38", "公開テスト市", sample: true);
        var hidden = await Profiles.AddAsync(app, "38", "非公開テスト町", published: false);
        using var anonymous = app.CreateClient();

        var response = await anonymous.GetAsync("/offices?prefecture=38");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("公開テスト市", html);
        Assert.Contains($"href=\"/offices/{shown.Code}\"", html);
        Assert.Contains("サンプル", html);
        Assert.DoesNotContain("非公開テスト町", html);
        Assert.DoesNotContain(hidden.Code, html);
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromSeconds(300), response.Headers.CacheControl.MaxAge);
        var etag = response.Headers.ETag!;

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/offices?prefecture=38");
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await anonymous.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);

        // Any change to the profiles gives a new version, so the old copy is served fresh again.
        await Profiles.AddAsync(app, "38", "追加テスト村");
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/offices?prefecture=38");
        stale.Headers.IfNoneMatch.Add(etag);
        var changed = await anonymous.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Filters_by_region_free_seats_fee_and_incentive_narrow_the_list()
    {
        var roomy = await Profiles.AddAsync(app, "39", "絞込広い市", free: 30, fee: 5_000, incentives: [IncentiveKind.Subsidy]);
        var small = await Profiles.AddAsync(app, "39", "絞込狭い町", free: 2, fee: 20_000, incentives: [IncentiveKind.Housing]);
        using var anonymous = app.CreateClient();

        async Task<string> ListAsync(string query) => await anonymous.GetStringAsync($"/offices?{query}");

        Assert.Contains(roomy.Name, await ListAsync("prefecture=39&seats=10"));
        Assert.DoesNotContain(small.Name, await ListAsync("prefecture=39&seats=10"));
        Assert.Contains(roomy.Name, await ListAsync("prefecture=39&fee=9000"));
        Assert.DoesNotContain(small.Name, await ListAsync("prefecture=39&fee=9000"));
        Assert.Contains(small.Name, await ListAsync("prefecture=39&incentive=housing"));
        Assert.DoesNotContain(roomy.Name, await ListAsync("prefecture=39&incentive=housing"));
        Assert.Contains(roomy.Name, await ListAsync("region=shikoku&seats=30&incentive=subsidy"));
        Assert.DoesNotContain(roomy.Name, await ListAsync("region=kanto"));
    }

    [Fact]
    public async Task The_municipality_page_shows_offices_and_incentives_never_the_contact_email_and_links_a_prefilled_inquiry()
    {
        var profile = await Profiles.AddAsync(app, "42", "詳細テスト市");
        var unpublished = await Profiles.AddAsync(app, "42", "詳細非公開町", published: false);
        using var anonymous = app.CreateClient();

        var response = await anonymous.GetAsync($"/offices/{profile.Code}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.Contains("詳細テスト市サテライトオフィス", html);
        Assert.Contains("詳細テスト市Subsidy支援", html);
        Assert.Contains("2,000,000", html);
        Assert.DoesNotContain(profile.ContactEmail, html);
        Assert.DoesNotContain("@example.lg.jp", html);
        Assert.Contains($"href=\"/inquiries/company?municipality={profile.Code}\"", html);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/offices/{unpublished.Code}")).StatusCode);

        var form = await anonymous.GetStringAsync($"/inquiries/company?municipality={profile.Code}");
        Assert.Contains("詳細テスト市へのサテライトオフィス進出について", form);
        Assert.Contains("詳細テスト市（長崎県）のサテライトオフィスや支援制度について相談したいです。", form);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteOfficesDirectoryTests(SqliteApp app) : OfficesDirectoryTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresOfficesDirectoryTests(PostgresApp app) : OfficesDirectoryTests(app);
