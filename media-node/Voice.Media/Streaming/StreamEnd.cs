namespace Voice.Media.Streaming;

/// <summary>How one WebSocket connection of a stream ended.</summary>
public enum StreamEndKind
{
    /// <summary>We stopped it (stop command, hangup): the stop message and a normal close were sent.</summary>
    Stopped,

    /// <summary>The peer closed the WebSocket.</summary>
    ClosedByPeer,

    /// <summary>The connection broke (reset, protocol error); a reconnect may follow.</summary>
    Broken,
}

/// <summary>How and why a stream connection ended.</summary>
/// <param name="Kind">How.</param>
/// <param name="Reason">A sentence for logs and the failed event.</param>
public readonly record struct StreamEnd(StreamEndKind Kind, string Reason);
