using System.Net;
using System.Net.Sockets;
using Voice.Sip.Messages;
using Voice.Sip.Transport;

namespace Voice.Sip.UserAgent;

/// <summary>
/// Turns a SIP URI into an IPv4 endpoint and transport (simplified RFC 3263: IP literal or A record, port from the URI
/// or 5060, <c>transport=tcp</c> selects TCP). No NAPTR/SRV.
/// </summary>
public static class SipTargetResolver
{
    /// <summary>The endpoint and protocol for <paramref name="uri"/>, or null when the host cannot be resolved.</summary>
    public static async Task<(IPEndPoint EndPoint, SipTransportProtocol Protocol)?> ResolveAsync(SipUri uri, SipTransportProtocol defaultProtocol, CancellationToken cancellationToken = default)
    {
        if (!uri.IsSip || uri.Host.Length == 0)
        {
            return null;
        }

        var protocol = uri.Parameters.Get("transport") is { } t
            ? (t.Equals("tcp", StringComparison.OrdinalIgnoreCase) ? SipTransportProtocol.Tcp : SipTransportProtocol.Udp)
            : defaultProtocol;
        var port = uri.Port ?? 5060;
        if (IPAddress.TryParse(uri.Host, out var address))
        {
            return (new IPEndPoint(address, port), protocol);
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(uri.Host, AddressFamily.InterNetwork, cancellationToken);
            return addresses.Length == 0 ? null : (new IPEndPoint(addresses[0], port), protocol);
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
