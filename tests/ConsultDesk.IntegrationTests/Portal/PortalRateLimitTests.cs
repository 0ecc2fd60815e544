using System.Net;
using ConsultDesk.IntegrationTests.Infrastructure;
using static ConsultDesk.IntegrationTests.Portal.PortalVisit;

namespace ConsultDesk.IntegrationTests.Portal;

public sealed class StrictPortalApp() : ConsultDeskAppFactory("Sqlite")
{
    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["ConsultDesk:Portal:BadTokensPerIpPer10Minutes"] = "3",
        ["ConsultDesk:Portal:LinkRequestsPerIpPerHour"] = "2",
        // metrics: turned off here (MetricsDisabledTests), which nothing else in this collection depends on.
        ["ConsultDesk:Metrics:Enabled"] = "false",
    };
}

[CollectionDefinition(Name)]
public sealed class StrictPortalCollection : ICollectionFixture<StrictPortalApp>
{
    public const string Name = "app with strict portal limits";
}

[Collection(StrictPortalCollection.Name)]
public sealed class PortalRateLimitTests(StrictPortalApp app)
{
    [Fact]
    public async Task Only_bad_tokens_count_and_an_address_that_used_them_up_gets_429()
    {
        var visit = await SubmitAsync(app);
        using var client = app.CreateClient();

        // An inquirer reloading their page is never limited: good tokens do not count.
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(visit.Path)).StatusCode);
        var bad = new[] { "/portal/abc", "/portal/" + new string('A', 43), "/unsubscribe/" + new string('B', 43) };
        foreach (var path in bad)
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);

        var refused = await client.GetAsync("/portal/" + new string('C', 43));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Assert.Contains("上限に達しました", html, StringComparison.Ordinal);
        Assert.Equal("no-store", refused.Headers.CacheControl?.ToString());
        // Once refused, the address is refused for any token until the window ends: answering good ones would
        // tell a guesser which of its guesses hit.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync(visit.Path)).StatusCode);
        // The rest of the site is not affected.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/portal/link")).StatusCode);
    }

    [Fact]
    public async Task Fresh_link_requests_are_limited_per_address()
    {
        using var client = app.CreateClient();
        var (_, formToken) = await OpenAsync(client, "/portal/link");
        var email = Infrastructure.Inquiries.UniqueEmail("limit");

        var first = await PostAsync(client, "/portal/link", formToken, ("email", email), ("reference", "CD-2026-000001"));
        var second = await PostAsync(client, "/portal/link", formToken, ("email", email), ("reference", "CD-2026-000002"));
        var third = await PostAsync(client, "/portal/link", formToken, ("email", email), ("reference", "CD-2026-000003"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("上限に達しました", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/portal/link")).StatusCode);
    }
}
