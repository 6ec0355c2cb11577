using System.Net;
using System.Threading.Channels;
using Voice.Sip.Messages;
using Voice.Sip.Transport;

namespace Voice.Sip.Tests.Transactions;

/// <summary>Wraps a transport and silently drops outgoing messages the predicate picks (simulated packet loss).</summary>
internal sealed class LossyTransport(ISipTransport inner) : ISipTransport
{
    private readonly Lock gate = new();
    private readonly List<Func<SipMessage, bool>> rules = [];

    public int Dropped { get; private set; }

    public ChannelReader<SipInboundMessage> Incoming => inner.Incoming;

    public SipTransportCounters Counters => inner.Counters;

    public string AdvertisedHost => inner.AdvertisedHost;

    public int AdvertisedPort => inner.AdvertisedPort;

    /// <summary>Drops the next <paramref name="count"/> messages matching <paramref name="match"/>.</summary>
    public void DropNext(int count, Func<SipMessage, bool> match)
    {
        var left = count;
        lock (gate)
        {
            rules.Add(m => match(m) && left-- > 0);
        }
    }

    public ValueTask<bool> SendAsync(SipMessage message, IPEndPoint remote, SipTransportProtocol protocol, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (rules.Any(rule => rule(message)))
            {
                Dropped++;
                return ValueTask.FromResult(true);
            }
        }

        return inner.SendAsync(message, remote, protocol, cancellationToken);
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
