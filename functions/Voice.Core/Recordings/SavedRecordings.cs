using System.Text.Json.Nodes;
using Voice.Media.Contracts;

namespace Voice.Core.Recordings;

/// <summary>What the lifecycles make of a <see cref="RecordingSavedEvent"/>: the metadata row and the payload fields.</summary>
public static class SavedRecordings
{
    public static RecordingRecord Record(RecordingSavedEvent saved, string accountId, string? callId, string? conferenceId, DateTimeOffset now) => new()
    {
        Id = saved.RecordingId,
        AccountId = accountId,
        CallId = callId,
        ConferenceId = conferenceId,
        BlobUrl = saved.BlobUrl,
        DurationMs = saved.DurationMs,
        Channels = saved.Channels,
        SizeBytes = saved.SizeBytes,
        DateCreated = now,
    };

    /// <summary>The recording's fields as events and webhooks carry them.</summary>
    public static JsonObject Fields(RecordingSavedEvent saved) => new()
    {
        ["recording_id"] = saved.RecordingId,
        ["recording_url"] = saved.BlobUrl,
        ["duration_ms"] = saved.DurationMs,
        ["channels"] = saved.Channels,
        ["size"] = saved.SizeBytes,
        ["format"] = saved.Format,
    };
}
