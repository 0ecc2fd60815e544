using System.Net;
using System.Net.Sockets;
using ConsultDesk.Common;
using ConsultDesk.Domain.Info;
using ConsultDesk.Features.Info;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ConsultDesk.UnitTests.Info;

public sealed class LinkCheckerTests
{
    private sealed class Clients(LinkCheckOptions settings) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(LinkChecker.CreateHandler(settings)) { Timeout = Timeout.InfiniteTimeSpan };
    }

    [Fact]
    public async Task Without_AllowPrivateAddresses_a_loopback_link_is_refused_without_a_connection()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var settings = new LinkCheckOptions { TimeoutSeconds = 2 };
        Assert.False(settings.AllowPrivateAddresses);
        var options = Options.Create(new ConsultDeskOptions { Info = new InfoOptions { LinkCheck = settings } });
        var run = new LinkChecker(new Clients(settings), options, NullLogger<LinkChecker>.Instance).StartRun();

        foreach (var url in new[] { $"http://127.0.0.1:{port}/page", $"http://localhost:{port}/page", $"http://[::1]:{port}/page" })
        {
            var verdict = await run.CheckAsync(url, CancellationToken.None);
            Assert.Equal(LinkState.Broken, verdict.State);
            Assert.False(verdict.Requested);
            Assert.Contains("内部ネットワーク", verdict.Detail);
        }
        // Not even robots.txt was asked for: nothing ever connected.
        using var poll = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await listener.AcceptSocketAsync(poll.Token));

        var ftp = await run.CheckAsync("ftp://example.jp/file", CancellationToken.None);
        Assert.Equal(LinkState.Broken, ftp.State);
        Assert.False(ftp.Requested);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.10.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("203.0.113.10", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("8.8.8.8", false)]
    public void Private_addresses_are_recognised(string address, bool isPrivate) =>
        Assert.Equal(isPrivate, LinkChecker.IsPrivate(IPAddress.Parse(address)));

    [Fact]
    public void Robots_rules_for_our_agent_replace_the_star_group_and_the_longest_match_wins()
    {
        const string text = """
            # comment
            User-agent: *
            Disallow: /

            User-agent: ConsultDesk-LinkChecker
            User-agent: other
            Disallow: /private/   # ours
            Allow: /private/open
            Disallow: /*.pdf$
            Disallow: /search?q=
            Allow: /tie
            Disallow: /tie
            Disallow:
            """;
        var robots = RobotsTxt.Parse(text, "ConsultDesk-LinkChecker/1.0");
        Assert.True(robots.Allows(new Uri("https://example.jp/")));
        Assert.True(robots.Allows(new Uri("https://example.jp/public/page")));
        Assert.False(robots.Allows(new Uri("https://example.jp/private/x")));
        Assert.True(robots.Allows(new Uri("https://example.jp/private/open/doc")));
        Assert.False(robots.Allows(new Uri("https://example.jp/files/a.pdf")));
        Assert.True(robots.Allows(new Uri("https://example.jp/files/a.pdf?download=1")));
        Assert.False(robots.Allows(new Uri("https://example.jp/search?q=telework")));
        Assert.True(robots.Allows(new Uri("https://example.jp/tie")));
        Assert.True(robots.Allows(new Uri("https://example.jp/robots.txt")));

        // Another agent falls back to the * group; a file with nothing for us allows everything.
        Assert.False(RobotsTxt.Parse(text, "SomeBot/2.0").Allows(new Uri("https://example.jp/public")));
        Assert.True(RobotsTxt.Parse("User-agent: other\nDisallow: /\n", "ConsultDesk-LinkChecker/1.0").Allows(new Uri("https://example.jp/x")));
        Assert.Same(RobotsTxt.AllowAll, RobotsTxt.Parse("", "ConsultDesk-LinkChecker/1.0"));
        // Non-ASCII rules compare with the percent-encoded path.
        Assert.False(RobotsTxt.Parse("User-agent: *\nDisallow: /施策/\n", "x").Allows(new Uri("https://example.jp/施策/一覧")));
    }

    [Fact]
    public void A_pathological_wildcard_rule_is_matched_in_bounded_time()
    {
        var rule = "/" + string.Concat(Enumerable.Repeat("*a", 200)) + "$";
        var path = "/" + new string('a', 1999) + "b";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(RobotsTxt.Matches(rule, path));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1));
    }
}
