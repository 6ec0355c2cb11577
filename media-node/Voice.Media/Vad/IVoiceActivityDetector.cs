namespace Voice.Media.Vad;

/// <summary>
/// Scores fixed windows of one audio stream (8 kHz 16-bit mono) for speech. Stateful: windows must come in order,
/// one stream per instance. Not thread-safe; run it on one task.
/// </summary>
public interface IVoiceActivityDetector : IDisposable
{
    /// <summary>Samples per window that <see cref="Score"/> takes.</summary>
    int WindowSamples { get; }

    /// <summary>Probability (0..1) that the window holds speech.</summary>
    /// <exception cref="ArgumentException">The window is not exactly <see cref="WindowSamples"/> long.</exception>
    float Score(ReadOnlySpan<short> window);

    /// <summary>Forgets the stream's history (a new utterance or a new stream).</summary>
    void Reset();
}
