using System.Net;
using ConsultDesk.Common.Metrics;

namespace ConsultDesk.UnitTests.Common;

public sealed class ScraperAddressesTests
{
    [Theory]
    [InlineData("10.0.0.5", true)]
    [InlineData("::ffff:10.0.0.5", true)]      // an IPv4 peer on a dual-stack socket
    [InlineData("10.0.0.6", false)]
    [InlineData("192.168.7.200", true)]
    [InlineData("::ffff:192.168.7.1", true)]
    [InlineData("192.168.8.1", false)]
    [InlineData("2001:db8:5::1", true)]
    [InlineData("2001:db8:6::1", false)]
    [InlineData("::1", true)]
    [InlineData("127.0.0.1", false)]
    public void Single_addresses_and_networks_match_and_nothing_else_does(string client, bool allowed)
    {
        var scrapers = ScraperAddresses.Parse(["10.0.0.5", " 192.168.7.0/24 ", "2001:db8:5::/48", "::1", ""]);
        Assert.Equal(allowed, scrapers.Contains(IPAddress.Parse(client)));
    }

    [Fact]
    public void Nothing_configured_lets_no_address_in()
    {
        var none = ScraperAddresses.Parse([]);
        Assert.True(none.IsEmpty);
        Assert.False(none.Contains(IPAddress.Loopback));
        Assert.False(none.Contains(null));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/x")]
    public void A_malformed_entry_stops_the_app_naming_the_setting(string entry)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ScraperAddresses.Parse([entry]));
        Assert.Contains("ConsultDesk:Metrics:ScraperAddresses", error.Message, StringComparison.Ordinal);
    }
}
