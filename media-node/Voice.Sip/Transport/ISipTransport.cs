using System.Net;
using System.Threading.Channels;
using Voice.Sip.Messages;

namespace Voice.Sip.Transport;

/// <summary>
/// Sends and receives SIP messages. Received valid messages are delivered through <see cref="Incoming"/> (never by
/// callbacks); malformed input is answered with 400 where possible or dropped, and counted. Sends never throw for
/// network errors: they return false.
/// </summary>
public interface ISipTransport : IAsyncDisposable
{
    /// <summary>Valid messages received, in arrival order per connection/socket.</summary>
    ChannelReader<SipInboundMessage> Incoming { get; }

    /// <summary>Counters for received, sent and dropped messages.</summary>
    SipTransportCounters Counters { get; }

    /// <summary>Host written into Via sent-by and Contact.</summary>
    string AdvertisedHost { get; }

    /// <summary>Port written into Via sent-by and Contact.</summary>
    int AdvertisedPort { get; }

    /// <summary>Sends <paramref name="message"/> to <paramref name="remote"/>; false when it could not be sent.</summary>
    ValueTask<bool> SendAsync(SipMessage message, IPEndPoint remote, SipTransportProtocol protocol, CancellationToken cancellationToken = default);
}
