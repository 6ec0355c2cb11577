using System.Text.Json.Nodes;
using Voice.Core.Events;

namespace Voice.Api.Vonage.Webhooks;

/// <summary>
/// Our engine events and call-flow webhook payloads as Vonage's event_url bodies (compat-notes §B.4): call status
/// events (<c>status</c> started, ringing, answered, completed, busy, cancelled, rejected, timeout, unanswered,
/// failed; machine/human with <c>call_uuid</c>), <c>input</c>, <c>record</c> (posted by the lifecycle to the record action's eventUrl, else the call's event_url), <c>transfer</c> and <c>error</c>. Numbers
/// without <c>+</c>, timestamps ISO 8601 with milliseconds. Null: Vonage sends nothing for this event.
/// </summary>
public static class VonageEventProjection
{
    public static JsonObject? Project(VoiceEvent voiceEvent) => voiceEvent.Type switch
    {
        VoiceEventTypes.CallInitiated => Status(voiceEvent, "started"),
        VoiceEventTypes.CallRinging => Status(voiceEvent, "ringing"),
        VoiceEventTypes.CallAnswered => Answered(voiceEvent),
        VoiceEventTypes.CallCompleted => Completed(voiceEvent),
        VoiceEventTypes.CallMachineDetectionEnded => Machine(voiceEvent),
        VoiceEventTypes.CallFlowTransferred => Transfer(voiceEvent),
        VoiceEventTypes.CallFlowFailed => Error(voiceEvent),
        VoiceEventTypes.CallActionWebhook => Payload(voiceEvent.Data, voiceEvent.Time),
        _ => null,
    };

    /// <summary>
    /// A webhook payload the lifecycle made (an input result, a digit of a DTMF subscription, a record action's
    /// recording, a notify) in Vonage's shape; a notify sends its payload as the body, as Vonage does.
    /// </summary>
    public static JsonObject Payload(JsonObject data, DateTimeOffset time)
    {
        if (data["payload"] is JsonObject notify)
        {
            return (JsonObject)notify.DeepClone();
        }

        if (data["recording_url"] is not null)
        {
            return Record(data, time);
        }

        var body = Leg(data);
        body["timestamp"] = Timestamp(data, time);
        if (data["dtmf"] is JsonObject dtmf)
        {
            body["dtmf"] = new JsonObject { ["digits"] = dtmf["digits"]?.DeepClone(), ["timed_out"] = dtmf["timed_out"]?.DeepClone() };
        }

        if (data["speech"] is JsonObject speech)
        {
            body["speech"] = speech.DeepClone();
        }

        return body;
    }

    /// <summary>What an answer URL is told: <c>to</c>, <c>from</c>, <c>uuid</c>, <c>conversation_uuid</c>.</summary>
    public static JsonObject Answer(JsonObject data)
    {
        var body = Leg(data);
        body.Remove("direction");
        return body;
    }

    private static JsonObject Status(VoiceEvent e, string status)
    {
        var body = Leg(e.Data);
        body["status"] = status;
        body["timestamp"] = Time(e.Time);
        return body;
    }

    private static JsonObject Answered(VoiceEvent e)
    {
        var body = Status(e, "answered");
        body["start_time"] = e.Data["start_time"]?.DeepClone();
        body["rate"] = null;
        body["network"] = null;
        return body;
    }

    private static JsonObject Completed(VoiceEvent e)
    {
        var status = VonageCallStatus.OfWire(Text(e.Data, "status"), Text(e.Data, "reason"));
        var body = Status(e, status);
        if (status != "completed")
        {
            body["detail"] = Text(e.Data, "reason");
            return body;
        }

        body["start_time"] = e.Data["start_time"]?.DeepClone();
        body["end_time"] = e.Data["end_time"]?.DeepClone();
        body["duration"] = (e.Data["duration"]?.GetValue<int>() ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        body["rate"] = "0.00";
        body["price"] = "0.00";
        body["network"] = null;
        return body;
    }

    private static JsonObject Machine(VoiceEvent e)
    {
        var result = Text(e.Data, "result");
        var body = new JsonObject
        {
            ["call_uuid"] = Text(e.Data, "call_id"),
            ["from"] = Number(e.Data, "from"),
            ["to"] = Number(e.Data, "to"),
            ["status"] = result == "machine" ? "machine" : "human",
            ["conversation_uuid"] = Conversation(e.Data),
            ["timestamp"] = Time(e.Time),
        };
        if (result is not "machine" and not "human")
        {
            // Our detector could not tell: Vonage reports human in that case; the detail says so.
            body["sub_state"] = "not_sure";
        }

        return body;
    }

    private static JsonObject Transfer(VoiceEvent e) => new()
    {
        ["conversation_uuid_from"] = Conversation(e.Data),
        ["conversation_uuid_to"] = Conversation(e.Data),
        ["uuid"] = Text(e.Data, "call_id"),
        ["timestamp"] = Time(e.Time),
    };

    private static JsonObject Error(VoiceEvent e) => new()
    {
        ["reason"] = Text(e.Data, "reason"),
        ["conversation_uuid"] = Conversation(e.Data),
        ["uuid"] = Text(e.Data, "call_id"),
        ["timestamp"] = Time(e.Time),
    };

    private static JsonObject Record(JsonObject data, DateTimeOffset time)
    {
        var durationMs = data["duration_ms"]?.GetValue<long>() ?? 0;
        return new JsonObject
        {
            ["start_time"] = Time(time.AddMilliseconds(-durationMs)),
            ["end_time"] = Time(time),
            ["recording_url"] = data["recording_url"]?.DeepClone(),
            ["recording_uuid"] = Text(data, "recording_id"),
            ["size"] = data["size"]?.DeepClone(),
            ["conversation_uuid"] = Conversation(data),
            ["uuid"] = Text(data, "call_id"),
            ["timestamp"] = Time(time),
        };
    }

    /// <summary>The fields every call event has.</summary>
    private static JsonObject Leg(JsonObject data) => new()
    {
        ["from"] = Number(data, "from"),
        ["to"] = Number(data, "to"),
        ["uuid"] = Text(data, "call_id"),
        ["conversation_uuid"] = Conversation(data),
        ["direction"] = Text(data, "direction"),
    };

    private static string? Conversation(JsonObject data) =>
        Text(data, "call_id") is { } callId ? VonageIds.ConversationOf(callId, Text(data, "parent_call_id")) : null;

    private static string? Number(JsonObject data, string name) => Text(data, name) is { } value ? VonageNumbers.ToWire(value) : null;

    private static string? Text(JsonObject data, string name) =>
        data[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Timestamp(JsonObject data, DateTimeOffset fallback) => Text(data, "timestamp") ?? Time(fallback);

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
