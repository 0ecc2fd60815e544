using System.Net;
using System.Net.Http.Headers;
using ConsultDesk.IntegrationTests.Infrastructure;
using ConsultDesk.Web.Hosting;

namespace ConsultDesk.IntegrationTests.Operations;

/// <summary>Behind a proxy on 127.0.0.1 that forwards the client's address: each client has its own intake budget.</summary>
public sealed class ProxiedApp() : ConsultDeskAppFactory("Sqlite")
{
    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["ConsultDesk:ReverseProxy:KnownProxies:0"] = "127.0.0.1",
        ["ConsultDesk:RateLimiting:Intake:PerIpPerMinute"] = "2",
        // The shipped default; PortalGuardBudgetTests gives each test its own forwarded address.
        ["ConsultDesk:Portal:BadTokensPerIpPer10Minutes"] = "10",
        // metrics: the loopback connection (the proxy itself) and one network of forwarded clients may scrape (ScraperAddressTests).
        ["ConsultDesk:Metrics:ScraperAddresses:0"] = "127.0.0.1",
        ["ConsultDesk:Metrics:ScraperAddresses:1"] = "198.51.100.0/24",
    };
}

/// <summary>The same limits with no proxy configured: the forwarded headers must be ignored.</summary>
public sealed class UnproxiedApp() : ConsultDeskAppFactory("Sqlite")
{
    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["ConsultDesk:RateLimiting:Intake:PerIpPerMinute"] = "2",
        // metrics: a scraper address only a proxy could vouch for (SpoofedScraperAddressTests).
        ["ConsultDesk:Metrics:ScraperAddresses:0"] = "203.0.113.10",
    };
}

[CollectionDefinition(Name)]
public sealed class ProxiedCollection : ICollectionFixture<ProxiedApp>
{
    public const string Name = "app behind a known proxy";
}

[CollectionDefinition(Name)]
public sealed class UnproxiedCollection : ICollectionFixture<UnproxiedApp>
{
    public const string Name = "app with no known proxy";
}

internal static class ForwardedRequests
{
    /// <summary>One intake post as a proxy on the loopback connection would send it for the given client.</summary>
    public static async Task<HttpStatusCode> SubmitAsAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/inquiries")
        {
            Content = new StringContent(Infrastructure.Inquiries.Worker().ToJsonString(), new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}

[Collection(ProxiedCollection.Name)]
public sealed class ReverseProxyTests(ProxiedApp app)
{
    [Fact]
    public async Task Clients_forwarded_by_a_known_proxy_are_limited_separately()
    {
        using var client = app.CreateClient();

        // Two posts each for two clients, both within the budget of two per minute.
        Assert.Equal(HttpStatusCode.Created, await ForwardedRequests.SubmitAsAsync(client, "203.0.113.10"));
        Assert.Equal(HttpStatusCode.Created, await ForwardedRequests.SubmitAsAsync(client, "203.0.113.10"));
        Assert.Equal(HttpStatusCode.Created, await ForwardedRequests.SubmitAsAsync(client, "198.51.100.20"));
        Assert.Equal(HttpStatusCode.Created, await ForwardedRequests.SubmitAsAsync(client, "198.51.100.20"));
        // The third of the first client is refused; a third client is not affected by either.
        Assert.Equal(HttpStatusCode.TooManyRequests, await ForwardedRequests.SubmitAsAsync(client, "203.0.113.10"));
        Assert.Equal(HttpStatusCode.Created, await ForwardedRequests.SubmitAsAsync(client, "192.0.2.30"));
        // Another host in the same IPv6 /64 shares its neighbour's budget; another /64 does not.
        Assert.Equal(HttpStatusCode.Created, await ForwardedRequests.SubmitAsAsync(client, "2001:db8:1:2::1"));
        Assert.Equal(HttpStatusCode.Created, await ForwardedRequests.SubmitAsAsync(client, "2001:db8:1:2:ffff::9"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ForwardedRequests.SubmitAsAsync(client, "2001:db8:1:2:abcd::5"));
        Assert.Equal(HttpStatusCode.Created, await ForwardedRequests.SubmitAsAsync(client, "2001:db8:1:3::1"));
    }

    [Fact]
    public async Task Https_at_the_proxy_turns_on_strict_transport_security()
    {
        using var client = app.CreateClient();
        using var plain = await client.GetAsync("/");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var secure = await client.SendAsync(request);

        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("max-age=31536000", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
    }
}

[Collection(UnproxiedCollection.Name)]
public sealed class UnknownProxyTests(UnproxiedApp app)
{
    [Fact]
    public async Task Without_a_known_proxy_the_forwarded_address_changes_nothing()
    {
        using var client = app.CreateClient();

        // Every post comes from the loopback connection whatever the header claims: one budget of two.
        Assert.Equal(HttpStatusCode.Created, await ForwardedRequests.SubmitAsAsync(client, "203.0.113.10"));
        Assert.Equal(HttpStatusCode.Created, await ForwardedRequests.SubmitAsAsync(client, "198.51.100.20"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ForwardedRequests.SubmitAsAsync(client, "192.0.2.30"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ForwardedRequests.SubmitAsAsync(client, "2001:db8:9::1"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var page = await client.SendAsync(request);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
    }
}

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("::ffff:203.0.113.10", "203.0.113.10")]
    [InlineData("203.0.113.10", "203.0.113.10")]
    [InlineData("::1", "::/64")]
    public void Rate_limits_count_IPv6_clients_per_64_and_mapped_IPv4_as_IPv4(string address, string partition) =>
        Assert.Equal(partition, ClientAddress.PartitionKey(IPAddress.Parse(address)));

    [Fact]
    public void Nothing_configured_means_no_proxy_is_trusted_and_configured_networks_cover_mapped_addresses()
    {
        var none = new Microsoft.AspNetCore.Builder.ForwardedHeadersOptions();
        ClientAddress.ConfigureForwardedHeaders(none, new ConsultDesk.Common.ReverseProxyOptions());
        Assert.False(ClientAddress.TrustsAnyProxy(none)); // the framework's loopback defaults are gone

        var some = new Microsoft.AspNetCore.Builder.ForwardedHeadersOptions();
        ClientAddress.ConfigureForwardedHeaders(some, new ConsultDesk.Common.ReverseProxyOptions { KnownNetworks = ["10.0.0.0/24"] });
        Assert.True(ClientAddress.TrustsAnyProxy(some));
        Assert.Contains(some.KnownIPNetworks, n => n.Contains(IPAddress.Parse("10.0.0.7")));
        Assert.Contains(some.KnownIPNetworks, n => n.Contains(IPAddress.Parse("::ffff:10.0.0.7")));
        Assert.DoesNotContain(some.KnownIPNetworks, n => n.Contains(IPAddress.Parse("10.0.1.7")));
    }

    [Fact]
    public void A_connection_without_an_address_has_one_shared_partition() =>
        Assert.Equal("unknown", ClientAddress.PartitionKey((IPAddress?)null));
}
