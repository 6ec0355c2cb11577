namespace Voice.Media.Speech;

/// <summary>
/// One utterance being recognized: audio goes in with <see cref="Write"/>, the answer comes from
/// <see cref="FinishAsync"/>. Streaming engines decode as the audio comes (and have a <see cref="Partial"/>);
/// request/response engines keep the audio and send it when the utterance is finished. Not thread-safe.
/// </summary>
public interface ISpeechRecognitionStream : IDisposable
{
    /// <summary>Takes the next 16 kHz samples of the utterance.</summary>
    void Write(ReadOnlySpan<short> samples);

    /// <summary>The best guess so far, or null (nothing yet, or an engine without partial results).</summary>
    string? Partial { get; }

    /// <summary>Ends the utterance and returns what was said; an empty result when nothing was recognized.</summary>
    Task<SpeechRecognitionResult> FinishAsync(CancellationToken cancellationToken);
}
