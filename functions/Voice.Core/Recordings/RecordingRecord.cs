namespace Voice.Core.Recordings;

/// <summary>
/// The metadata of a saved recording (the audio itself is a blob in the <c>recordings</c> container). Written once
/// when the media-node reports it saved; <see cref="CallId"/> is the call, or the conference for a conference mix.
/// </summary>
public sealed record RecordingRecord
{
    public required string Id { get; init; }

    public required string AccountId { get; init; }

    /// <summary>The call whose audio this is; for a conference recording, null (see <see cref="ConferenceId"/>).</summary>
    public string? CallId { get; init; }

    public string? ConferenceId { get; init; }

    public required string BlobUrl { get; init; }

    public required long DurationMs { get; init; }

    /// <summary>1 (mono mix) or 2 (caller left, callee right).</summary>
    public required int Channels { get; init; }

    public required long SizeBytes { get; init; }

    /// <summary>Always <c>wav</c> today.</summary>
    public string Format { get; init; } = "wav";

    public required DateTimeOffset DateCreated { get; init; }
}
