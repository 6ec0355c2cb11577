namespace Voice.Media.Contracts.Nodes;

/// <summary>One media-node as the registry holds it; refreshed by the node's heartbeats.</summary>
public sealed record MediaNodeRecord
{
    public required string NodeId { get; init; }

    /// <summary>The run that heartbeats now.</summary>
    public required string Incarnation { get; init; }

    /// <summary>The newest incarnation whose predecessors' calls the platform has already ended.</summary>
    public string? SweptIncarnation { get; init; }

    public required MediaNodeState State { get; init; }

    /// <summary>Where the node takes SIP (<c>host:port</c>).</summary>
    public string? SipAddress { get; init; }

    /// <summary>The RTP port range, <c>min-max</c>.</summary>
    public string? RtpPorts { get; init; }

    /// <summary>Calls the node takes at once.</summary>
    public int Capacity { get; init; }

    /// <summary>Calls live on the node at its last heartbeat.</summary>
    public int ActiveCalls { get; init; }

    public required DateTimeOffset HeartbeatAt { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The table row's version, for conditional updates; null for a record not read from the table.</summary>
    public string? ETag { get; init; }

    public MediaNodeAddress Address => new(NodeId, Incarnation);

    /// <summary>Heartbeat younger than <paramref name="lostAfter"/>.</summary>
    public bool IsFresh(DateTimeOffset now, TimeSpan lostAfter) => now - HeartbeatAt < lostAfter;

    /// <summary>Active, fresh and below capacity: a new call may go there.</summary>
    public bool TakesCalls(DateTimeOffset now, TimeSpan lostAfter) => State == MediaNodeState.Active && IsFresh(now, lostAfter) && ActiveCalls < Capacity;
}
