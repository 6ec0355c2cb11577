using System.Net;
using Voice.Sip.Messages;
using Voice.Sip.Parsing;

namespace Voice.MediaNode.Tests.Fuzz;

/// <summary>
/// Whether the node must answer a datagram, judged with the node's own parser (RFC 3261 §8.2, §18.2): a request that
/// does not parse but names Via, From, To, Call-ID and CSeq gets a 400/505 back at its source; a request that parses
/// (except ACK, which is never answered, and one lacking Via, Call-ID or CSeq, which cannot be) gets a response on its
/// Via route — counted here only when that route leads back to the fuzz socket (rport, or its sent-by).
/// </summary>
internal static class SipAnswerExpectation
{
    /// <summary>The Call-ID the node's answer will carry, or null when no answer can be expected.</summary>
    public static string? CallIdToBeAnswered(ReadOnlySpan<byte> datagram, IPEndPoint fuzz)
    {
        var result = SipMessageParser.Parse(datagram);
        if (!result.IsValid)
        {
            return result.CreateRejection()?.Headers.Get(SipHeaderNames.CallId);
        }

        if (result.Message is not SipRequest request || request.Method == SipMethods.Ack
            || request.CallId is not { } callId || request.CSeq is null || request.TopVia is not { } via)
        {
            return null;
        }

        // The transport stamps received (when the sent-by host differs or rport asks for it) and rport (RFC 3581).
        var source = fuzz.Address.ToString();
        var fillRport = via.HasRport && via.Rport is null;
        var host = via.Host != source || fillRport ? source : via.Received ?? via.Host;
        var port = fillRport ? fuzz.Port : via.Rport ?? via.Port ?? 5060;
        var backToUs = !IPAddress.TryParse(host, out var address) || (address.Equals(fuzz.Address) && port == fuzz.Port);
        return backToUs ? callId : null;
    }
}
