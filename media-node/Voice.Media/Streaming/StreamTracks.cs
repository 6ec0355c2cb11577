namespace Voice.Media.Streaming;

/// <summary>Which audio of a call leg a stream carries.</summary>
[Flags]
public enum StreamTracks
{
    /// <summary>Nothing (not a valid choice for a stream).</summary>
    None = 0,

    /// <summary>What the peer says: the audio received from the call's phone (Telnyx <c>inbound_track</c>).</summary>
    Inbound = 1,

    /// <summary>What the peer hears: the audio the node sends to the phone (Telnyx <c>outbound_track</c>).</summary>
    Outbound = 2,

    /// <summary>Both, as separate tracks where the framing has tracks, mixed where it has not.</summary>
    Both = Inbound | Outbound,
}
