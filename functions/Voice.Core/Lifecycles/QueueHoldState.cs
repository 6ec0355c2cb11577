using System.Text.Json.Serialization;
using Voice.Core.Commands;

namespace Voice.Core.Lifecycles;

/// <summary>What a queued call with hold settings hears (<see cref="QueueHoldAudio"/>), and which of its media commands the node plays now.</summary>
public sealed record QueueHoldState
{
    public required string QueueName { get; init; }

    public required QueueHold Settings { get; init; }

    /// <summary>The enqueue command that asked for it (named when the hold audio fails).</summary>
    public required string EnqueueCommandId { get; init; }

    public required DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>The looping hold audio's media command while the node plays it.</summary>
    public string? MusicCommandId { get; init; }

    /// <summary>The announcement being spoken, if one is.</summary>
    public string? AnnouncementCommandId { get; init; }

    /// <summary>The hold audio could not be played (a bad URL, no TTS): it is not tried again during this wait.</summary>
    public bool MusicFailed { get; init; }

    /// <summary>Whether audio of ours plays on the node now (so leaving the queue must stop it).</summary>
    [JsonIgnore]
    public bool Playing => (MusicCommandId is not null && !MusicFailed) || AnnouncementCommandId is not null;
}
