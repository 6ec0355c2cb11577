namespace Voice.Media.Vad;

/// <summary>How <see cref="SpeechSegmenter"/> turns window probabilities into speech segments.</summary>
public sealed record SpeechSegmenterOptions
{
    /// <summary>A window at or above this probability counts as speech.</summary>
    public float StartThreshold { get; init; } = 0.5f;

    /// <summary>Once speaking, a window below this probability counts as silence (hysteresis: lower than the start).</summary>
    public float EndThreshold { get; init; } = 0.35f;

    /// <summary>Speech must last this long before a segment starts (rejects clicks and short bursts).</summary>
    public TimeSpan MinSpeech { get; init; } = TimeSpan.FromMilliseconds(64);

    /// <summary>Silence must last this long before a segment ends (bridges the gaps inside words).</summary>
    public TimeSpan MinSilence { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Duration of one scored window (256 samples at 8 kHz).</summary>
    public TimeSpan WindowDuration { get; init; } = TimeSpan.FromMilliseconds(32);
}
