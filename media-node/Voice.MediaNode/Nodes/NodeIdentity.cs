using System.Net;
using Voice.Media.Contracts.Nodes;
using Voice.MediaNode.Configuration;

namespace Voice.MediaNode.Nodes;

/// <summary>This run of the node: its address (id + a fresh incarnation) and its capacity.</summary>
public sealed class NodeIdentity
{
    public NodeIdentity(MediaNodeOptions options)
    {
        var listen = IPEndPoint.Parse(options.Sip.ListenAddress);
        var id = string.IsNullOrEmpty(options.Node.Id) ? MediaNodeAddress.NodeIdFrom($"{Environment.MachineName}-{listen.Port}") : options.Node.Id;
        Address = MediaNodeAddress.Start(id);
        Capacity = options.Node.MaxCalls ?? Math.Max(1, (options.Rtp.PortMax - options.Rtp.PortMin + 1) / 2);
        SipAddress = string.IsNullOrWhiteSpace(options.Sip.AdvertisedAddress) ? options.Sip.ListenAddress : options.Sip.AdvertisedAddress;
        RtpPorts = $"{options.Rtp.PortMin}-{options.Rtp.PortMax}";
        RetryAfter = TimeSpan.FromSeconds(options.Node.RetryAfterSeconds);
    }

    public MediaNodeAddress Address { get; }

    public int Capacity { get; }

    public string SipAddress { get; }

    public string RtpPorts { get; }

    public TimeSpan RetryAfter { get; }

    /// <summary>Set while the registry says the node drains (or the node stops): no new calls.</summary>
    public bool Draining
    {
        get => Volatile.Read(ref draining);
        set => Volatile.Write(ref draining, value);
    }

    private bool draining;

    /// <summary>Why a new call is refused with <paramref name="activeCalls"/> live, or null when it may come.</summary>
    public string? Refusal(int activeCalls) =>
        Draining ? "the node is draining"
        : activeCalls >= Capacity ? $"the node is at capacity ({Capacity} calls)"
        : null;
}
