using Voice.Api.Http;
using Voice.Core.Recordings;

namespace Voice.Api.Telefon;

/// <summary>
/// A recording on the wire. Not in the Telefon v1 spec (it has no recordings resource); shaped like its other
/// resources, with <c>media_url</c> as the API path that serves the audio.
/// </summary>
public sealed record TelefonRecording(
    string Id,
    string? CallId,
    string? ConferenceId,
    long DurationMs,
    int Channels,
    long Size,
    string Format,
    string MediaUrl,
    string DateCreated)
{
    public static TelefonRecording Of(RecordingRecord r) => new(
        r.Id,
        r.CallId,
        r.ConferenceId,
        r.DurationMs,
        r.Channels,
        r.SizeBytes,
        r.Format,
        $"/{TelefonRecordingsApi.Route}/{Uri.EscapeDataString(r.Id)}/audio",
        ApiJson.Rfc3339(r.DateCreated)!);
}

/// <summary>The body of <c>GET /recordings</c>.</summary>
public sealed record TelefonRecordingList(IReadOnlyList<TelefonRecording> Recordings, int Total);
