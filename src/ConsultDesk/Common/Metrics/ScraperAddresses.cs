using System.Net;
using System.Net.Sockets;

namespace ConsultDesk.Common.Metrics;

/// <summary>
/// The addresses (single IPs or CIDR networks) whose requests may read the metrics without signing in. Checked
/// against the connection's address after the forwarded headers of a configured proxy were applied, so only a
/// known proxy can vouch for a forwarded client. An IPv4 client seen as IPv4-mapped IPv6 matches its IPv4 entry.
/// </summary>
public sealed class ScraperAddresses
{
    private readonly IReadOnlyList<IPNetwork> networks;

    private ScraperAddresses(IReadOnlyList<IPNetwork> networks) => this.networks = networks;

    public bool IsEmpty => networks.Count == 0;

    /// <summary>Parses the setting; a malformed entry stops the app at startup with the setting's name.</summary>
    public static ScraperAddresses Parse(IEnumerable<string> entries)
    {
        var parsed = new List<IPNetwork>();
        foreach (var entry in entries.Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            if (entry.Contains('/'))
            {
                if (!IPNetwork.TryParse(entry, out var network))
                    throw new InvalidOperationException($"ConsultDesk:Metrics:ScraperAddresses: '{entry}' is not an address or a network in CIDR notation.");
                parsed.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                address = Unmapped(address);
                parsed.Add(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                throw new InvalidOperationException($"ConsultDesk:Metrics:ScraperAddresses: '{entry}' is not an address or a network in CIDR notation.");
            }
        }
        return new ScraperAddresses(parsed);
    }

    public bool Contains(IPAddress? address)
    {
        if (address is null) return false;
        address = Unmapped(address);
        foreach (var network in networks)
            if (network.Contains(address)) return true;
        return false;
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
