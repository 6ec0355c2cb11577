namespace Voice.Media.Contracts;

/// <summary>
/// Speech recognition settings of a gather (speech input) or a transcription. The node cuts the audio into
/// utterances with its VAD and sends each to the recognizer named by <see cref="Engine"/>.
/// </summary>
public sealed record SpeechSettings
{
    /// <summary><c>pocketsphinx</c>, <c>azure</c>, <c>whisper</c>; null: the node's default engine.</summary>
    public string? Engine { get; init; }

    /// <summary>BCP-47.</summary>
    public string Language { get; init; } = "en-US";

    /// <summary>Expected phrases (Vonage <c>context</c>); pocketsphinx only ever answers one of them.</summary>
    public IReadOnlyList<string> Hints { get; init; } = [];

    /// <summary>Silence that ends an utterance.</summary>
    public double EndSilenceSeconds { get; init; } = 2;

    /// <summary>The longest utterance; longer speech is cut there.</summary>
    public double MaxDurationSeconds { get; init; } = 60;
}

/// <summary>What a gather's speech input heard: alternatives best first, or none; why it ended; an error instead.</summary>
public sealed record SpeechInputResult
{
    public IReadOnlyList<SpeechAlternativeResult> Results { get; init; } = [];

    /// <summary><see cref="SpeechEndReasons"/>.</summary>
    public required string EndReason { get; init; }

    /// <summary>Why no recognition could be made (the engine unavailable or failing); null otherwise.</summary>
    public string? Error { get; init; }
}

/// <summary>One reading of an utterance with its confidence (0..1).</summary>
public sealed record SpeechAlternativeResult(string Text, double Confidence);

/// <summary>Why an utterance or speech input ended, named as Vonage's <c>timeout_reason</c>.</summary>
public static class SpeechEndReasons
{
    public const string EndOnSilence = "end_on_silence_timeout";
    public const string MaxDuration = "max_duration";
    public const string StartTimeout = "start_timeout";
    public const string Stopped = "stopped";
}

/// <summary>
/// Start transcribing the call continuously: every utterance of the chosen tracks is reported as a
/// <see cref="TranscriptionEvent"/> (final, and partial when <see cref="InterimResults"/>) until stop_transcription
/// or hangup, then <see cref="TranscriptionStoppedEvent"/>. A new start replaces the running transcription.
/// </summary>
public sealed record StartTranscriptionCommand : MediaCommand
{
    public SpeechSettings Speech { get; init; } = new() { EndSilenceSeconds = 0.8 };

    /// <summary><c>inbound</c> (the default), <c>outbound</c> or <c>both</c>.</summary>
    public string Tracks { get; init; } = "inbound";

    public bool InterimResults { get; init; }
}

/// <summary>Stop the call's transcription; an utterance being spoken is still reported.</summary>
public sealed record StopTranscriptionCommand : MediaCommand;
