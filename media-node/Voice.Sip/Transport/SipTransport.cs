using System.Net;
using System.Threading.Channels;
using Voice.Sip.Messages;

namespace Voice.Sip.Transport;

/// <summary>
/// UDP and TCP on one IPv4 endpoint, delivering valid messages through a single bounded channel. Malformed requests
/// are answered with 400/505 when possible, everything else malformed is dropped and counted. Create with
/// <see cref="Start"/>; dispose to close sockets and connections.
/// </summary>
public sealed class SipTransport : ISipTransport
{
    private readonly Channel<SipInboundMessage> incoming;
    private readonly SipUdpChannel? udp;
    private readonly SipTcpChannel? tcp;

    private SipTransport(SipTransportOptions options)
    {
        incoming = Channel.CreateBounded<SipInboundMessage>(new BoundedChannelOptions(options.IncomingQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        var handler = new SipInboundHandler(options.Limits, Counters, incoming.Writer);
        var listen = options.ListenEndPoint;
        try
        {
            if (options.EnableUdp)
            {
                udp = new SipUdpChannel(listen, handler, Counters, options.Limits.MaxMessageBytes);
                listen = new IPEndPoint(listen.Address, udp.LocalEndPoint.Port);
            }

            if (options.EnableTcp)
            {
                tcp = new SipTcpChannel(listen, handler, options);
                listen = new IPEndPoint(listen.Address, tcp.LocalEndPoint.Port);
            }
        }
        catch
        {
            udp?.CloseUnstarted();
            throw;
        }

        LocalEndPoint = listen;
        AdvertisedHost = options.AdvertisedHost ?? listen.Address.ToString();
        AdvertisedPort = options.AdvertisedPort ?? listen.Port;
    }

    /// <inheritdoc/>
    public ChannelReader<SipInboundMessage> Incoming => incoming.Reader;

    /// <inheritdoc/>
    public SipTransportCounters Counters { get; } = new();

    /// <inheritdoc/>
    public string AdvertisedHost { get; }

    /// <inheritdoc/>
    public int AdvertisedPort { get; }

    /// <summary>The bound local endpoint (the actual port when 0 was requested).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Open TCP connections.</summary>
    public int TcpConnectionCount => tcp?.ConnectionCount ?? 0;

    /// <summary>Binds the sockets and starts receiving. Throws <see cref="System.Net.Sockets.SocketException"/> if the endpoint is taken.</summary>
    public static SipTransport Start(SipTransportOptions options)
    {
        var transport = new SipTransport(options);
        transport.udp?.Start();
        transport.tcp?.Start();
        return transport;
    }

    /// <inheritdoc/>
    public ValueTask<bool> SendAsync(SipMessage message, IPEndPoint remote, SipTransportProtocol protocol, CancellationToken cancellationToken = default) =>
        protocol switch
        {
            SipTransportProtocol.Udp when udp is not null => udp.SendAsync(message, remote, cancellationToken),
            SipTransportProtocol.Tcp when tcp is not null => tcp.SendAsync(message, remote, cancellationToken),
            _ => ValueTask.FromResult(false),
        };

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (udp is not null)
        {
            await udp.DisposeAsync();
        }

        if (tcp is not null)
        {
            await tcp.DisposeAsync();
        }

        incoming.Writer.TryComplete();
    }
}
