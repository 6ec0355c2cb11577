using System.Net;
using Voice.Sip.Parsing;

namespace Voice.Sip.Transport;

/// <summary>Where and how <see cref="SipTransport"/> listens.</summary>
public sealed record SipTransportOptions
{
    /// <summary>Local IPv4 endpoint for both UDP and TCP (port 0 picks a free port, the same for both when possible).</summary>
    public required IPEndPoint ListenEndPoint { get; init; }

    /// <summary>Address written into Via and Contact; defaults to the listen address (required when listening on 0.0.0.0).</summary>
    public string? AdvertisedHost { get; init; }

    /// <summary>Port written into Via and Contact; defaults to the bound port.</summary>
    public int? AdvertisedPort { get; init; }

    /// <summary>Listen and send on UDP.</summary>
    public bool EnableUdp { get; init; } = true;

    /// <summary>Listen and send on TCP.</summary>
    public bool EnableTcp { get; init; } = true;

    /// <summary>TCP connections with no traffic for this long are closed.</summary>
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Timeout for opening an outbound TCP connection.</summary>
    public TimeSpan TcpConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Parser limits (also the largest datagram and frame accepted).</summary>
    public SipParserLimits Limits { get; init; } = SipParserLimits.Default;

    /// <summary>Capacity of the upward queue; when full, new messages are dropped and counted.</summary>
    public int IncomingQueueCapacity { get; init; } = 4096;
}
