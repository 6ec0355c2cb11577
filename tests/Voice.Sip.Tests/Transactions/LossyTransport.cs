using System.Net;
using System.Threading.Channels;
using Voice.Sip.Messages;
using Voice.Sip.Transport;

namespace Voice.Sip.Tests.Transactions;

/// <summary>Wraps a transport and silently drops outgoing or incoming messages the rules pick (simulated packet loss).</summary>
internal sealed class LossyTransport : ISipTransport
{
    private readonly ISipTransport inner;
    private readonly Lock gate = new();
    private readonly List<Func<SipMessage, bool>> rules = [];
    private readonly List<Func<SipMessage, bool>> incomingRules = [];
    private readonly Channel<SipInboundMessage> incoming = Channel.CreateUnbounded<SipInboundMessage>();

    public LossyTransport(ISipTransport inner)
    {
        this.inner = inner;
        _ = PumpAsync();
    }

    public int Dropped { get; private set; }

    public ChannelReader<SipInboundMessage> Incoming => incoming.Reader;

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

    /// <summary>Drops the next <paramref name="count"/> received messages matching <paramref name="match"/>.</summary>
    public void DropNextIncoming(int count, Func<SipMessage, bool> match)
    {
        var left = count;
        lock (gate)
        {
            incomingRules.Add(m => match(m) && left-- > 0);
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

    private async Task PumpAsync()
    {
        await foreach (var message in inner.Incoming.ReadAllAsync())
        {
            bool drop;
            lock (gate)
            {
                drop = incomingRules.Any(rule => rule(message.Message));
            }

            if (drop)
            {
                Dropped++;
            }
            else
            {
                incoming.Writer.TryWrite(message);
            }
        }

        incoming.Writer.TryComplete();
    }
}
