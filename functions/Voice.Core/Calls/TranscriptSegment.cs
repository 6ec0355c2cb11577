namespace Voice.Core.Calls;

/// <summary>
/// One final utterance of a call's transcription: who spoke (<see cref="Track"/>: inbound = the caller, outbound =
/// what the call played), what was said and when (<see cref="StartMs"/> from the transcription's start).
/// <see cref="Id"/> is the node event's id, so a repeated delivery stores it once.
/// </summary>
public sealed record TranscriptSegment
{
    public required string AccountId { get; init; }

    public required string CallId { get; init; }

    public required string Id { get; init; }

    public required string Track { get; init; }

    public required string Text { get; init; }

    public double Confidence { get; init; }

    public long StartMs { get; init; }

    public long DurationMs { get; init; }

    /// <summary>When the node reported it.</summary>
    public DateTimeOffset At { get; init; }
}
