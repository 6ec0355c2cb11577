using Voice.Media.Contracts.Nodes;

namespace Voice.Api.Admin;

/// <summary>A media node in the admin API: its registry row, and whether its heartbeat is fresh now.</summary>
public sealed record AdminNode(
    string Id,
    string Incarnation,
    string State,
    bool Fresh,
    string? SipAddress,
    string? RtpPorts,
    int Capacity,
    int ActiveCalls,
    DateTimeOffset HeartbeatAt,
    DateTimeOffset StartedAt)
{
    public static AdminNode Of(MediaNodeRecord node, DateTimeOffset now, TimeSpan lostAfter) => new(
        node.NodeId,
        node.Incarnation,
        node.State.ToString().ToLowerInvariant(),
        node.IsFresh(now, lostAfter),
        node.SipAddress,
        node.RtpPorts,
        node.Capacity,
        node.ActiveCalls,
        node.HeartbeatAt,
        node.StartedAt);
}
