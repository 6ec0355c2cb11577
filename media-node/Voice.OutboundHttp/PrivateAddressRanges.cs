using System.Net;
using System.Net.Sockets;

namespace Voice.OutboundHttp;

/// <summary>
/// Addresses an outbound request must not reach unless private targets are allowed: loopback, RFC 1918 and unique-local,
/// link-local (including the 169.254.169.254 metadata endpoint), CGNAT, "this network", multicast, broadcast,
/// unspecified, and the IPv4-mapped / IPv4-compatible IPv6 forms of all IPv4 ones.
/// </summary>
public static class PrivateAddressRanges
{
    public static bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return ContainsV4(address.MapToIPv4());
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ContainsV4(address),
            AddressFamily.InterNetworkV6 => ContainsV6(address),
            _ => true,
        };
    }

    private static bool ContainsV4(IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return b[0] switch
        {
            0 or 10 or 127 => true,
            100 => (b[1] & 0xC0) == 64, // 100.64.0.0/10 carrier-grade NAT
            169 => b[1] == 254, // link-local and cloud metadata
            172 => (b[1] & 0xF0) == 16,
            192 => (b[1] == 168) || (b[1] == 0 && b[2] == 0), // 192.168/16, 192.0.0/24 IETF protocol assignments
            >= 224 => true, // multicast, reserved, broadcast
            _ => false,
        };
    }

    private static bool ContainsV6(IPAddress address)
    {
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return true;
        }

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);

        // ::a.b.c.d (deprecated IPv4-compatible form): judge the embedded IPv4 address.
        if (b[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return ContainsV4(new IPAddress(b[12..]));
        }

        // 64:ff9b::/96 NAT64 embeds an IPv4 address too.
        if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return ContainsV4(new IPAddress(b[12..]));
        }

        return false;
    }
}
