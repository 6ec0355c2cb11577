using System.Globalization;
using System.Text.Json.Nodes;
using Voice.Core.Calls;
using Voice.Core.Recordings;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>The snake_case JSON bodies of call webhooks and event data. Timestamps are ISO 8601 UTC.</summary>
internal static class CallPayloads
{
    /// <summary>The call's API fields.</summary>
    public static JsonObject Call(CallRecord call)
    {
        var data = new JsonObject
        {
            ["call_id"] = call.Id,
            ["account_id"] = call.AccountId,
            ["status"] = call.Status.ToWire(),
            ["direction"] = call.Direction == CallDirection.Inbound ? "inbound" : "outbound",
            ["from"] = call.From,
            ["to"] = call.To,
        };
        if (call.ParentCallId is not null)
        {
            data["parent_call_id"] = call.ParentCallId;
        }

        if (call.ApplicationId is not null)
        {
            data["application_id"] = call.ApplicationId;
        }

        if (call.ClientState is not null)
        {
            data["client_state"] = call.ClientState;
        }

        if (call.StartTime is { } start)
        {
            data["start_time"] = Time(start);
        }

        if (call.EndTime is { } end)
        {
            data["end_time"] = Time(end);
        }

        if (call.Duration is { } duration)
        {
            data["duration"] = duration;
        }

        return data;
    }

    /// <summary>A status callback: the call fields plus the event id, sequence and time it belongs to.</summary>
    public static JsonObject StatusCallback(CallRecord call, string eventId, long sequence, DateTimeOffset now)
    {
        var data = Call(call);
        data["event_id"] = eventId;
        data["sequence"] = sequence;
        data["timestamp"] = Time(now);
        return data;
    }

    public static JsonObject InputResult(CallRecord call, GatherEndedEvent gather, DateTimeOffset now)
    {
        var data = Call(call);
        data["dtmf"] = new JsonObject
        {
            ["digits"] = gather.Digits,
            ["timed_out"] = gather.Reason == "timeout",
            ["reason"] = gather.Reason,
        };
        if (CallTranscription.SpeechResult(gather.Speech, confidenceAsText: true) is { } speech)
        {
            data["speech"] = speech;
        }

        data["timestamp"] = Time(now);
        return data;
    }

    /// <summary>One digit pressed, for a DTMF subscription (Vonage's asynchronous input: one event per digit).</summary>
    public static JsonObject Digit(CallRecord call, string digit, DateTimeOffset now)
    {
        var data = Call(call);
        data["dtmf"] = new JsonObject { ["digits"] = digit, ["timed_out"] = false };
        data["timestamp"] = Time(now);
        return data;
    }

    public static JsonObject Recording(CallRecord call, RecordingSavedEvent saved, DateTimeOffset now)
    {
        var data = EffectBuffer.Merge(Call(call), SavedRecordings.Fields(saved));
        data["timestamp"] = Time(now);
        return data;
    }

    /// <summary>A notify action's payload, wrapped with the call's fields.</summary>
    public static JsonObject Notify(CallRecord call, string payloadJson, DateTimeOffset now)
    {
        var data = Call(call);
        data["payload"] = JsonNode.Parse(payloadJson);
        data["timestamp"] = Time(now);
        return data;
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
