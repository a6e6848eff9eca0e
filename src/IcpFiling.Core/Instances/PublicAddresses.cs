using System.Net;
using System.Net.Sockets;

namespace IcpFiling.Core.Instances;

/// <summary>
/// Which IP addresses count as a public IP (docs/RULES.md): globally routable unicast only. Private (RFC 1918),
/// loopback, link-local, CGNAT, multicast, unspecified, reserved and documentation ranges, and their IPv6
/// counterparts, do not count.
/// </summary>
public static class PublicAddresses
{
    /// <summary>
    /// An address as stored: written in its canonical form; null when it is not an IP address. IPv4 must be
    /// four plain decimal parts (no "10.1", no leading zeros that some parsers read as octal); no zone ids.
    /// </summary>
    public static string? Normalize(string? input)
    {
        var text = input?.Trim();
        if (text is not { Length: > 0 and <= MaxLength } || text.Contains('%', StringComparison.Ordinal)
            || !IPAddress.TryParse(text, out var address))
        {
            return null;
        }

        var canonical = address.ToString();
        return address.AddressFamily == AddressFamily.InterNetwork && canonical != text ? null : canonical;
    }

    /// <summary>The longest textual IPv6 address (with an embedded IPv4 part).</summary>
    public const int MaxLength = 45;

    public static bool IsPublic(string? address) => IPAddress.TryParse(address, out var parsed) && IsPublic(parsed);

    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        var bytes = address.GetAddressBytes();
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => !NotPublicV4.Any(range => range.Contains(bytes)),
            // Global unicast is 2000::/3; within it, the ranges below are not reachable on the public Internet.
            AddressFamily.InterNetworkV6 => (bytes[0] & 0xE0) == 0x20 && !NotPublicV6.Any(range => range.Contains(bytes)),
            _ => false,
        };
    }

    private static readonly Prefix[] NotPublicV4 =
    [
        new("0.0.0.0", 8),        // "this network", unspecified
        new("10.0.0.0", 8),       // private
        new("100.64.0.0", 10),    // carrier-grade NAT
        new("127.0.0.0", 8),      // loopback
        new("169.254.0.0", 16),   // link-local
        new("172.16.0.0", 12),    // private
        new("192.0.0.0", 24),     // IETF protocol assignments
        new("192.0.2.0", 24),     // documentation (TEST-NET-1)
        new("192.88.99.0", 24),   // deprecated 6to4 relay
        new("192.168.0.0", 16),   // private
        new("198.18.0.0", 15),    // benchmarking
        new("198.51.100.0", 24),  // documentation (TEST-NET-2)
        new("203.0.113.0", 24),   // documentation (TEST-NET-3)
        new("224.0.0.0", 4),      // multicast
        new("240.0.0.0", 4),      // reserved, and the broadcast address
    ];

    private static readonly Prefix[] NotPublicV6 =
    [
        new("2001::", 23),        // IETF protocol assignments (Teredo, benchmarking, ORCHID)
        new("2001:db8::", 32),    // documentation
        new("2002::", 16),        // 6to4
        new("3fff::", 20),        // documentation (RFC 9637)
    ];

    private sealed class Prefix(string network, int length)
    {
        private readonly byte[] _network = IPAddress.Parse(network).GetAddressBytes();

        public bool Contains(byte[] address)
        {
            if (address.Length != _network.Length)
            {
                return false;
            }

            var whole = length / 8;
            for (var i = 0; i < whole; i++)
            {
                if (address[i] != _network[i])
                {
                    return false;
                }
            }

            var rest = length % 8;
            var mask = (byte)(0xFF << (8 - rest));
            return rest == 0 || (address[whole] & mask) == (_network[whole] & mask);
        }
    }
}
