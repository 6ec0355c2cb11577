namespace Voice.Bench.Generator;

/// <summary>
/// What the generator measured, sent to the parent as one JSON line (<c>result {…}</c>). Packet figures are over
/// the measured window unless named total; times are µs.
/// </summary>
internal sealed record GeneratorReport
{
    public long SentTotal { get; init; }

    public long SendErrors { get; init; }

    public long SentInWindow { get; init; }

    public long ReceivedInWindow { get; init; }

    public long LostInWindow { get; init; }

    public long ReceivedTotal { get; init; }

    public int ForwardedStreams { get; init; }

    public int ReencodedStreams { get; init; }

    public int SilentStreams { get; init; }

    public long UnknownDatagrams { get; init; }

    public long Reordered { get; init; }

    public long OutOfRange { get; init; }

    public long RtcpReceived { get; init; }

    public long JitterP50 { get; init; }

    public long JitterP99 { get; init; }

    public long JitterMax { get; init; }

    /// <summary>Forwarded streams: the 20 ms-grid jitter a receiver sees (the generator's pacing included).</summary>
    public long ForwardedGridJitterP50 { get; init; }

    public long ForwardedGridJitterP99 { get; init; }

    /// <summary>Forwarded packets whose send time was no longer kept (not in the jitter figure).</summary>
    public long Unmatched { get; init; }

    public long LatenessP50 { get; init; }

    public long LatenessP99 { get; init; }

    public long LatenessMax { get; init; }

    public double WindowSeconds { get; init; }

    public double DrainMilliseconds { get; init; }

    /// <summary>Sink mode: sources that sent anything, and the fewest and most datagrams from one.</summary>
    public int SinkSources { get; init; }

    public long SinkFewest { get; init; }

    public long SinkMost { get; init; }
}
