namespace Voice.Media.Jitter;

/// <summary>Tuning of a <see cref="JitterBuffer"/>; defaults suit G.711 at 8 kHz with 20 or 30 ms packets.</summary>
public sealed record JitterBufferOptions
{
    /// <summary>Audio sample rate (equal to the RTP clock rate for G.711).</summary>
    public int SampleRate { get; init; } = 8000;

    /// <summary>Samples delivered per <see cref="JitterBuffer.Pull"/> (one media clock tick).</summary>
    public int FrameSamples { get; init; } = 160;

    /// <summary>Smallest playout delay.</summary>
    public int MinimumDelayMilliseconds { get; init; } = 40;

    /// <summary>Largest playout delay; packets further ahead than twice this plus a second trigger a resync.</summary>
    public int MaximumDelayMilliseconds { get; init; } = 200;

    /// <summary>Packets that can wait in the buffer.</summary>
    public int Capacity { get; init; } = 32;

    /// <summary>Largest packet accepted, in samples (longer payloads are counted as oversized and dropped).</summary>
    public int MaximumPacketSamples { get; init; } = 480;

    /// <summary>Lost frames concealed by repeating the last frame with a fade before falling back to silence.</summary>
    public int ConcealedFramesBeforeSilence { get; init; } = 3;
}
