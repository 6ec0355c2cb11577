namespace Voice.Media.Contracts;

/// <summary>A stream's WebSocket connected and its opening messages were sent.</summary>
public sealed record StreamStartedEvent : MediaEvent
{
    public required string StreamId { get; init; }

    public required string Url { get; init; }
}

/// <summary>A stream ended after it had started: stopped by command or hangup, or closed by the peer.</summary>
public sealed record StreamStoppedEvent : MediaEvent
{
    public required string StreamId { get; init; }

    public required string Url { get; init; }

    /// <summary>stopped, hangup or closed_by_peer.</summary>
    public required string Reason { get; init; }

    /// <summary>Frames dropped because the peer read too slowly (or while reconnecting).</summary>
    public long DroppedFrames { get; init; }
}

/// <summary>A stream could not connect, or lost its connection and could not reconnect.</summary>
public sealed record StreamFailedEvent : MediaEvent
{
    public required string StreamId { get; init; }

    public required string Url { get; init; }

    /// <summary>Why, in a sentence (Telnyx <c>failure_reason</c>).</summary>
    public required string Reason { get; init; }

    /// <summary>The track the command asked for (inbound, outbound, both).</summary>
    public string Track { get; init; } = "inbound";
}
