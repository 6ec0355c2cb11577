namespace Voice.Core.Commands;

/// <summary>
/// What a queued call hears while it waits (an <see cref="EnqueueCall"/> without one waits in silence): hold audio —
/// the file at <see cref="AudioUrl"/> or the speech of <see cref="Text"/>, looped until the call leaves the queue — and
/// an optional <see cref="Announcement"/>, spoken every so often over it (the hold audio resumes after it).
/// </summary>
public sealed record QueueHold
{
    /// <summary>An absolute http(s) URL of the audio looped while the call waits; null with <see cref="Text"/> or for none.</summary>
    public string? AudioUrl { get; init; }

    /// <summary>Text spoken in a loop while the call waits (when there is no <see cref="AudioUrl"/>).</summary>
    public string? Text { get; init; }

    /// <summary>TTS voice of <see cref="Text"/> and of the announcement: the lower-cased BCP-47 language ("en-us").</summary>
    public string Voice { get; init; } = "en-us";

    public QueueAnnouncement? Announcement { get; init; }
}

/// <summary>
/// Spoken every <see cref="EverySeconds"/> while the call waits: <see cref="Template"/> with the call's position and
/// waits filled in at that moment (see <see cref="Queues.QueueAnnouncementTemplate"/>).
/// </summary>
public sealed record QueueAnnouncement
{
    /// <summary>Shortest interval: an announcement takes a few seconds, and shorter ones would leave no hold audio.</summary>
    public const int MinEverySeconds = 10;

    public const int MaxEverySeconds = 3600;

    public required string Template { get; init; }

    public required int EverySeconds { get; init; }
}
