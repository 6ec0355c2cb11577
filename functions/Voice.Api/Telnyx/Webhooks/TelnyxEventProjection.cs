using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Voice.Core.Events;

namespace Voice.Api.Telnyx;

/// <summary>
/// Projects a neutral engine event onto Telnyx's webhook envelope (compat-notes §A.5):
/// <c>{"data":{"record_type":"event","event_type","id","occurred_at","payload"},"meta":{"attempt","delivered_to"}}</c>,
/// with Telnyx's payload field names and spellings (<c>direction</c> incoming/outgoing, hangup causes and sources,
/// gather statuses). Engine events Telnyx has no webhook for (ringing, end requested…) project to null: not sent.
/// </summary>
public static class TelnyxEventProjection
{
    public static JsonObject? Project(VoiceEvent voiceEvent, int attempt, string deliveredTo)
    {
        var conference = voiceEvent.Subject.StartsWith("/conferences/", StringComparison.Ordinal);
        if ((conference && voiceEvent.Type == VoiceEventTypes.CallRecordingSaved ? "conference.recording.saved" : EventType(voiceEvent.Type)) is not { } eventType)
        {
            return null;
        }

        var payload = conference ? ConferencePayload(voiceEvent) : CallPayload(voiceEvent, eventType);
        return new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["record_type"] = "event",
                ["event_type"] = eventType,
                ["id"] = EventUuid(voiceEvent.Id),
                ["occurred_at"] = voiceEvent.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["payload"] = payload,
            },
            ["meta"] = new JsonObject { ["attempt"] = attempt, ["delivered_to"] = deliveredTo },
        };
    }

    /// <summary>Telnyx's name for an engine event type; null when Telnyx sends no webhook for it.</summary>
    public static string? EventType(string type) => type switch
    {
        VoiceEventTypes.CallInitiated => "call.initiated",
        VoiceEventTypes.CallAnswered => "call.answered",
        VoiceEventTypes.CallCompleted => "call.hangup",
        VoiceEventTypes.CallSpeakStarted => "call.speak.started",
        VoiceEventTypes.CallSpeakEnded => "call.speak.ended",
        VoiceEventTypes.CallPlaybackStarted => "call.playback.started",
        VoiceEventTypes.CallPlaybackEnded => "call.playback.ended",
        VoiceEventTypes.CallDtmfReceived => "call.dtmf.received",
        VoiceEventTypes.CallGatherEnded => "call.gather.ended",
        VoiceEventTypes.CallRecordingSaved => "call.recording.saved",
        VoiceEventTypes.CallBridged => "call.bridged",
        VoiceEventTypes.CallEnqueued => "call.enqueued",
        VoiceEventTypes.CallDequeued => "call.dequeued",
        VoiceEventTypes.CallStreamingStarted => "streaming.started",
        VoiceEventTypes.CallStreamingStopped => "streaming.stopped",
        VoiceEventTypes.CallStreamingFailed => "streaming.failed",
        VoiceEventTypes.CallMachineDetectionEnded => "call.machine.detection.ended",
        VoiceEventTypes.CallMachineGreetingEnded => "call.machine.greeting.ended",
        VoiceEventTypes.CallReferStarted => "call.refer.started",
        VoiceEventTypes.CallReferCompleted => "call.refer.completed",
        VoiceEventTypes.CallReferFailed => "call.refer.failed",
        VoiceEventTypes.CallSipInfoReceived => "call.sip_info.received",
        VoiceEventTypes.CallTranscription => "call.transcription",
        VoiceEventTypes.ConferenceCreated => "conference.created",
        VoiceEventTypes.ConferenceEnded => "conference.ended",
        VoiceEventTypes.ConferenceParticipantJoined => "conference.participant.joined",
        VoiceEventTypes.ConferenceParticipantLeft => "conference.participant.left",
        VoiceEventTypes.ConferenceSpeakStarted => "conference.speak.started",
        VoiceEventTypes.ConferenceSpeakEnded => "conference.speak.ended",
        VoiceEventTypes.ConferencePlaybackStarted => "conference.playback.started",
        VoiceEventTypes.ConferencePlaybackEnded => "conference.playback.ended",
        _ => null,
    };

    private static JsonObject CallPayload(VoiceEvent voiceEvent, string eventType)
    {
        var data = voiceEvent.Data;
        var callId = Text(data, "call_id") ?? voiceEvent.Subject["/calls/".Length..];
        var outbound = Text(data, "direction") == "outbound";
        var payload = CommonCallFields(callId, data);
        payload["from"] = Text(data, "from");
        payload["to"] = Text(data, "to");
        payload["direction"] = outbound ? "outgoing" : "incoming";
        switch (eventType)
        {
            case "call.initiated":
                payload["state"] = outbound ? "bridging" : "parked";
                payload["start_time"] = Text(data, "created_at") ?? Time(voiceEvent);
                break;
            case "call.answered":
                payload["state"] = "answered";
                payload["start_time"] = Text(data, "start_time");
                break;
            case "call.hangup":
                var reason = Text(data, "reason") ?? "";
                payload["state"] = "hangup";
                payload["hangup_cause"] = HangupCause(Text(data, "status"), reason);
                payload["hangup_source"] = HangupSource(reason, outbound);
                payload["start_time"] = Text(data, "start_time");
                payload["end_time"] = Text(data, "end_time");
                break;
            case "call.speak.ended" or "call.playback.ended":
                payload["status"] = Text(data, "reason") switch
                {
                    "failed" => "failed",
                    "stopped" or "barge_in" => "cancelled",
                    _ => "completed",
                };
                break;
            case "call.dtmf.received":
                payload["digit"] = Text(data, "digit");
                break;
            case "call.gather.ended":
                payload["digits"] = Text(data, "digits") ?? "";
                payload["status"] = Text(data, "reason") switch
                {
                    "timeout" => Text(data, "digits") is { Length: > 0 } ? "valid" : "timeout",
                    "hangup" => "call_hangup",
                    "stopped" => "cancelled",
                    "failed" => "invalid",
                    _ => "valid",
                };
                break;
            case "call.recording.saved":
                payload["recording_id"] = Text(data, "recording_id");
                payload["channels"] = (int?)data["channels"] == 2 ? "dual" : "single";
                payload["recording_ended_at"] = Time(voiceEvent);
                // Keyed by the saved file's format (an mp3 record_start falls back to wav if the node could not encode).
                var url = Text(data, "recording_url");
                var format = Text(data, "format") ?? "wav";
                payload["recording_urls"] = new JsonObject { [format] = url };
                payload["public_recording_urls"] = new JsonObject { [format] = url };
                break;
            case "call.enqueued":
                payload["queue"] = Text(data, "queue");
                payload["current_position"] = (int?)data["queue_position"];
                payload["queue_avg_wait_time_secs"] = (int?)data["queue_avg_wait_time_secs"];
                break;
            case "call.dequeued":
                payload["queue"] = Text(data, "queue");
                payload["queue_position"] = (int?)data["queue_position"];
                payload["reason"] = Text(data, "reason");
                payload["wait_time_secs"] = (int?)data["wait_time_secs"];
                break;
            case "streaming.started" or "streaming.stopped":
                payload["stream_url"] = Text(data, "stream_url");
                break;
            case "streaming.failed":
                payload["failure_reason"] = Text(data, "failure_reason");
                payload["stream_id"] = Text(data, "stream_id");
                payload["stream_type"] = "websocket";
                payload["stream_params"] = new JsonObject
                {
                    ["stream_url"] = Text(data, "stream_url"),
                    ["track"] = Text(data, "track") switch { "outbound" => "outbound_track", "both" => "both_tracks", _ => "inbound_track" },
                };
                break;
            case "call.machine.detection.ended" or "call.machine.greeting.ended":
                payload["result"] = Text(data, "result");
                break;
            case "call.refer.completed" or "call.refer.failed":
                payload["sip_notify_response"] = (int?)data["sip_notify_response"];
                break;
            case "call.transcription":
                payload["transcription_data"] = new JsonObject
                {
                    ["transcript"] = Text(data, "transcript"),
                    ["is_final"] = (bool?)data["is_final"],
                    ["confidence"] = (double?)data["confidence"],
                    ["transcription_track"] = Text(data, "track"),
                };
                break;
            case "call.sip_info.received":
                payload["content_type"] = Text(data, "content_type");
                payload["body"] = Text(data, "body");
                break;
            case "call.bridged":
                payload["other_call_control_id"] = Text(data, "other_call_id") is { } other ? TelnyxIds.CallControlId(other) : null;
                break;
        }

        return payload;
    }

    private static JsonObject ConferencePayload(VoiceEvent voiceEvent)
    {
        var data = voiceEvent.Data;
        var payload = new JsonObject
        {
            ["conference_id"] = Text(data, "conference_id") is { } conferenceId ? TelnyxIds.Uuid(conferenceId) : null,
            ["occurred_at"] = Time(voiceEvent),
        };
        if (Text(data, "call_id") is { } callId)
        {
            foreach (var (key, value) in CommonCallFields(callId, data))
            {
                payload[key] = value?.DeepClone();
            }
        }

        if (Text(data, "reason") is { } reason && voiceEvent.Type == VoiceEventTypes.ConferenceEnded)
        {
            payload["reason"] = reason switch
            {
                "end_on_exit" => "host_left",
                "expired" => "time_exceeded",
                _ => "all_left",
            };
        }

        if (voiceEvent.Type is VoiceEventTypes.ConferenceSpeakStarted or VoiceEventTypes.ConferenceSpeakEnded
            or VoiceEventTypes.ConferencePlaybackStarted or VoiceEventTypes.ConferencePlaybackEnded)
        {
            payload["connection_id"] = Text(data, "application_id");
            payload["client_state"] = Text(data, "client_state");
        }

        if (voiceEvent.Type is VoiceEventTypes.ConferenceSpeakEnded or VoiceEventTypes.ConferencePlaybackEnded)
        {
            payload["status"] = Text(data, "reason") switch
            {
                "failed" => "failed",
                "stopped" or "barge_in" => "cancelled",
                _ => "completed",
            };
        }

        if (voiceEvent.Type == VoiceEventTypes.CallRecordingSaved)
        {
            // Saved as WAV whatever format the start asked for; the links become SAS links at send time.
            payload["recording_id"] = Text(data, "recording_id");
            payload["channels"] = "single";
            payload["format"] = "wav";
            payload["recording_started_at"] = Text(data, "recording_started_at");
            payload["recording_ended_at"] = Text(data, "recording_ended_at");
            payload["recording_urls"] = new JsonObject { ["wav"] = Text(data, "recording_url") };
            payload["public_recording_urls"] = new JsonObject { ["wav"] = Text(data, "recording_url") };
        }

        return payload;
    }

    private static JsonObject CommonCallFields(string callId, JsonObject data) => new()
    {
        ["call_control_id"] = TelnyxIds.CallControlId(callId),
        ["call_leg_id"] = TelnyxIds.Uuid(callId),
        ["call_session_id"] = TelnyxIds.Uuid(Text(data, "parent_call_id") ?? callId),
        ["connection_id"] = Text(data, "application_id"),
        ["client_state"] = Text(data, "client_state"),
    };

    /// <summary>Telnyx's hangup causes from the call's final status and the engine's reason.</summary>
    private static string HangupCause(string? status, string reason) => reason switch
    {
        "rejected" => "call_rejected",
        "length_limit" => "time_limit",
        "not_found" => "not_found",
        _ => status switch
        {
            "busy" => "user_busy",
            "no-answer" => "timeout",
            "canceled" => "originator_cancel",
            "failed" => "unspecified",
            _ => "normal_clearing",
        },
    };

    /// <summary>Our side hung up (a command, a limit, the flow's end) or the far end did; caller/callee by direction.</summary>
    private static string HangupSource(string reason, bool outbound)
    {
        var local = reason is "hangup_command" or "end_requested" or "call_flow_ended" or "length_limit" or "rejected" or "no_answer" or "hangup_action" or "effects_failed";
        return local == outbound ? "caller" : "callee";
    }

    private static string? Text(JsonObject data, string name) => data[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Time(VoiceEvent voiceEvent) =>
        voiceEvent.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A stable UUID per engine event, so a receiver deduplicates repeats by <c>data.id</c>.</summary>
    private static string EventUuid(string eventId) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)).AsSpan(0, 16)).ToString();
}
