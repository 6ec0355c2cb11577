using System.Globalization;
using System.Net;
using System.Threading.Channels;
using Voice.Sip.Messages;
using Voice.Sip.Parsing;

namespace Voice.Sip.Transport;

/// <summary>
/// The receive step shared by UDP and TCP: parse, stamp the top Via of requests with <c>received</c>/<c>rport</c>
/// (RFC 3261 §18.2.1, RFC 3581), queue upward, or produce the rejection for a malformed request.
/// </summary>
internal sealed class SipInboundHandler(SipParserLimits limits, SipTransportCounters counters, ChannelWriter<SipInboundMessage> writer)
{
    /// <summary>Counters shared by every channel of the transport.</summary>
    public SipTransportCounters Counters => counters;

    /// <summary>Handles one framed message; returns a response the caller must send back, if any.</summary>
    public SipResponse? Handle(ReadOnlySpan<byte> data, IPEndPoint remote, SipTransportProtocol protocol)
    {
        var result = SipMessageParser.Parse(data, limits);
        if (!result.IsValid)
        {
            if (result.CreateRejection() is { } rejection)
            {
                counters.OnMalformedRejected();
                return rejection;
            }

            counters.OnMalformedDropped();
            return null;
        }

        var message = result.Message!;
        if (message is SipRequest request && !StampVia(request, remote))
        {
            counters.OnMalformedDropped();
            return null;
        }

        if (message.Headers.CountOf(SipHeaderNames.Via) == 0 || message.CSeq is null || message.CallId is null)
        {
            // Without these no transaction can be matched: drop (RFC 3261 §8.2 answers need them too).
            counters.OnMalformedDropped();
            return null;
        }

        if (!writer.TryWrite(new SipInboundMessage(message, remote, protocol)))
        {
            counters.OnQueueFull();
            return null;
        }

        counters.OnReceived();
        return null;
    }

    private static bool StampVia(SipRequest request, IPEndPoint remote)
    {
        var values = request.Headers.GetValues(SipHeaderNames.Via);
        if (values.Count == 0 || !SipVia.TryParse(values[0], out var top))
        {
            return values.Count == 0;
        }

        var source = remote.Address.ToString();
        var changed = false;
        if (top.HasRport && top.Rport is null)
        {
            top.Parameters.Set("rport", remote.Port.ToString(CultureInfo.InvariantCulture));
            changed = true;
        }

        if (top.Host != source || changed)
        {
            top.Parameters.Set("received", source);
            changed = true;
        }

        if (changed)
        {
            values[0] = top.ToString();
            request.Headers.Remove(SipHeaderNames.Via);
            foreach (var value in values)
            {
                request.Headers.Add(SipHeaderNames.Via, value);
            }
        }

        return true;
    }
}
