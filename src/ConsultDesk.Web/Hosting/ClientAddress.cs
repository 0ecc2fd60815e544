using System.Net;
using System.Net.Sockets;
using ConsultDesk.Common;
using Microsoft.AspNetCore.HttpOverrides;

namespace ConsultDesk.Web.Hosting;

/// <summary>
/// Who the client is, for rate limits: the connection's address after the forwarded headers of a configured proxy
/// were applied. IPv6 clients are counted per /64 (one household or host usually owns a whole /64, so a per-address
/// limit would be none); IPv4-mapped IPv6 addresses count as the IPv4 address they carry.
/// </summary>
public static class ClientAddress
{
    public static string PartitionKey(HttpContext http) => PartitionKey(http.Connection.RemoteIpAddress);

    public static string PartitionKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>ForwardedHeadersMiddleware believes anyone when it knows no proxy, so it is only used when it knows one.</summary>
    public static bool TrustsAnyProxy(ForwardedHeadersOptions options) => options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0;

    /// <summary>
    /// Believes X-Forwarded-For/-Proto/-Host only from the configured proxies. The framework's defaults (loopback)
    /// are cleared: with nothing configured the headers are ignored, whoever sends them.
    /// </summary>
    public static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, ReverseProxyOptions proxies)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        // Trust checks stop at the first address that is not a known proxy, so a chain of known proxies may be walked.
        options.ForwardLimit = null;
        foreach (var text in proxies.KnownProxies)
        {
            var address = IPAddress.Parse(text.Trim());
            options.KnownProxies.Add(address);
            // Kestrel on a dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
            if (address.AddressFamily == AddressFamily.InterNetwork) options.KnownProxies.Add(address.MapToIPv6());
        }
        foreach (var text in proxies.KnownNetworks)
        {
            var network = System.Net.IPNetwork.Parse(text.Trim());
            options.KnownIPNetworks.Add(network);
            if (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
                options.KnownIPNetworks.Add(new System.Net.IPNetwork(network.BaseAddress.MapToIPv6(), 96 + network.PrefixLength));
        }
    }
}
