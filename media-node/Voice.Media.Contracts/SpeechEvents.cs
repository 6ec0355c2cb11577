namespace Voice.Media.Contracts;

/// <summary>One utterance of a transcription: final or (with interim results) partial text.</summary>
public sealed record TranscriptionEvent : MediaEvent
{
    /// <summary><c>inbound</c> or <c>outbound</c>.</summary>
    public required string Track { get; init; }

    public required string Text { get; init; }

    public bool IsFinal { get; init; }

    /// <summary>0..1; 0 for partial results.</summary>
    public double Confidence { get; init; }

    /// <summary>Where the utterance started, in ms since the transcription started.</summary>
    public long StartMs { get; init; }

    /// <summary>The utterance's length in ms (final results).</summary>
    public long DurationMs { get; init; }
}

/// <summary>The transcription ended: stopped, hangup, replaced, or failed (with <see cref="Error"/>).</summary>
public sealed record TranscriptionStoppedEvent : MediaEvent
{
    /// <summary><c>stopped</c>, <c>hangup</c>, <c>replaced</c>, <c>failed</c>.</summary>
    public required string Reason { get; init; }

    public string? Error { get; init; }
}
