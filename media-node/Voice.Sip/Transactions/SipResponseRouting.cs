using System.Net;
using Voice.Sip.Messages;
using Voice.Sip.Transport;

namespace Voice.Sip.Transactions;

/// <summary>Where responses to a request go (RFC 3261 §18.2.2, RFC 3581).</summary>
public static class SipResponseRouting
{
    /// <summary>
    /// Over TCP, back to the connection's remote endpoint. Over UDP, to Via received (else sent-by host) and rport
    /// (else sent-by port, else 5060); falls back to the packet source when the Via names no IP address.
    /// </summary>
    public static IPEndPoint DestinationFor(SipRequest request, IPEndPoint source, SipTransportProtocol protocol)
    {
        if (protocol == SipTransportProtocol.Tcp || request.TopVia is not { } via)
        {
            return source;
        }

        var host = via.Received ?? via.Host;
        var port = via.Rport ?? via.Port ?? 5060;
        return IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : source;
    }
}
