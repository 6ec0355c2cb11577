namespace Voice.Media.Speech;

/// <summary>How a <see cref="SpeechListener"/> cuts a call's audio into utterances and what it does with them.</summary>
public sealed record SpeechListenerSettings
{
    /// <summary>What the recognizer listens for.</summary>
    public SpeechRecognitionRequest Request { get; init; } = new();

    /// <summary>True: utterance after utterance until stopped (transcription). False: the first utterance ends it (speech input).</summary>
    public bool Continuous { get; init; }

    /// <summary>Speech input only: no speech within this time ends the listener with <see cref="SpeechEndReason.StartTimeout"/>. Null: wait until stopped.</summary>
    public TimeSpan? StartTimeout { get; init; }

    /// <summary>Silence that ends an utterance (Vonage <c>endOnSilence</c>).</summary>
    public TimeSpan EndSilence { get; init; } = TimeSpan.FromSeconds(0.8);

    /// <summary>An utterance longer than this is ended there (Vonage <c>maxDuration</c>).</summary>
    public TimeSpan MaxUtterance { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Audio kept from before the VAD saw speech start, so the first phoneme reaches the recognizer.</summary>
    public TimeSpan PreRoll { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Partial results, at most one per this interval and only when the text changed; null: none.</summary>
    public TimeSpan? PartialInterval { get; init; }
}
