namespace Voice.Media.Speech;

/// <summary>An utterance <see cref="UtteranceDetector"/> has cut: finish <see cref="Stream"/> for its result.</summary>
public sealed record UtteranceEnding(ISpeechRecognitionStream Stream, SpeechEndReason Reason, TimeSpan At, TimeSpan Duration);

/// <summary>What one frame changed in <see cref="UtteranceDetector"/>.</summary>
public readonly record struct UtteranceStep(bool Started, string? Partial, UtteranceEnding? Ended, bool TimedOut)
{
    /// <summary>Nothing changed.</summary>
    public static UtteranceStep None => default;
}
