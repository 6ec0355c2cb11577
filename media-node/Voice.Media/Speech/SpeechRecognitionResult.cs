namespace Voice.Media.Speech;

/// <summary>What was said: alternatives, best first. Empty when nothing was recognized.</summary>
public sealed record SpeechRecognitionResult(IReadOnlyList<SpeechAlternative> Alternatives)
{
    /// <summary>Nothing recognized.</summary>
    public static SpeechRecognitionResult Empty { get; } = new([]);

    /// <summary>The best alternative, or null.</summary>
    public SpeechAlternative? Best => Alternatives.Count > 0 ? Alternatives[0] : null;
}

/// <summary>One reading of the utterance, with the engine's confidence in it (0..1).</summary>
public sealed record SpeechAlternative(string Text, double Confidence);
