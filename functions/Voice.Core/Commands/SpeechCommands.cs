namespace Voice.Core.Commands;

/// <summary>
/// Speech recognition settings of a gather or a transcription: the engine (null: the node's default), the
/// language, the expected phrases (hints), and how utterances end.
/// </summary>
public sealed record SpeechInput
{
    public string? Engine { get; init; }

    public string Language { get; init; } = "en-US";

    public IReadOnlyList<string> Hints { get; init; } = [];

    public double EndSilenceSeconds { get; init; } = 2;

    public double MaxDurationSeconds { get; init; } = 60;
}

/// <summary>
/// Transcribe the call continuously (<see cref="Tracks"/>: inbound, outbound or both) until stopped or hangup;
/// each utterance is reported as <c>telefon.voice.call.transcription</c> (and partial results with
/// <see cref="InterimResults"/>), the end as <c>telefon.voice.call.transcription.stopped</c>. Final results are
/// kept in the call's transcript.
/// </summary>
public sealed record StartTranscription : CallCommand
{
    public SpeechInput Speech { get; init; } = new() { EndSilenceSeconds = 0.8 };

    public string Tracks { get; init; } = "inbound";

    public bool InterimResults { get; init; }
}

/// <summary>Stop the call's transcription.</summary>
public sealed record StopTranscription : CallCommand;
