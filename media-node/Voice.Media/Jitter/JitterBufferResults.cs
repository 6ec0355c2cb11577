namespace Voice.Media.Jitter;

/// <summary>What <see cref="JitterBuffer.Push"/> did with a packet.</summary>
public enum JitterPushResult
{
    /// <summary>Stored for playout.</summary>
    Accepted,

    /// <summary>Stored after the buffer resynchronised (first packet, new SSRC, timestamp jump, new talkspurt).</summary>
    Resynchronised,

    /// <summary>Dropped: a packet with the same timestamp is already buffered or was played.</summary>
    Duplicate,

    /// <summary>Dropped: its playout time has passed.</summary>
    Late,

    /// <summary>Dropped: longer than the configured maximum packet size, or empty.</summary>
    Oversized,
}

/// <summary>What a frame from <see cref="JitterBuffer.Pull"/> contains.</summary>
public enum JitterFrameKind
{
    /// <summary>Received audio (possibly with a concealed part).</summary>
    Audio,

    /// <summary>Loss concealment: the last frame repeated with a fade.</summary>
    Concealed,

    /// <summary>Silence: nothing to play (not started, or the peer stopped sending).</summary>
    Silence,
}

/// <summary>Counters of a jitter buffer; every dropped packet is counted under its reason.</summary>
public readonly record struct JitterBufferCounters(
    long Accepted,
    long Duplicates,
    long Late,
    long Oversized,
    long Overflows,
    long Resyncs,
    long AudioFrames,
    long ConcealedFrames,
    long SilentFrames,
    long SkippedFrames);
