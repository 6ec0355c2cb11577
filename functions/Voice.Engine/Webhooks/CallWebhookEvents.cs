using System.Globalization;
using System.Text.Json.Nodes;
using Voice.Core.Events;
using Voice.Core.Lifecycles;

namespace Voice.Engine.Webhooks;

/// <summary>
/// Turns a lifecycle's webhook effects into engine events addressed to the webhook URL, so they travel the same
/// path as every event (Event Grid → webhook dispatcher in Azure, local delivery in DevHost): persisted, signed,
/// retried, ordered per call and URL.
/// </summary>
public static class CallWebhookEvents
{
    /// <summary>A status callback: its payload carries the call, the event id and the sequence it belongs to.</summary>
    public static VoiceEvent StatusCallback(PostStatusCallback effect, DateTimeOffset now)
    {
        var data = Parse(effect.PayloadJson);
        return new VoiceEvent
        {
            Id = (string?)data["event_id"] ?? effect.Id,
            Type = VoiceEventTypes.CallStatusCallback,
            AccountId = (string?)data["account_id"] ?? "",
            Subject = "/calls/" + ((string?)data["call_id"] ?? ""),
            Time = now,
            Sequence = (long?)data["sequence"] ?? CounterOf(effect.Id),
            WebhookUrl = effect.Url,
            Data = data,
        };
    }

    /// <summary>A call-flow action's webhook (record/notify eventUrl); ordered by the lifecycle's effect counter.</summary>
    public static VoiceEvent ActionWebhook(PostWebhook effect, DateTimeOffset now)
    {
        var data = Parse(effect.PayloadJson);
        return new VoiceEvent
        {
            Id = effect.Id,
            Type = VoiceEventTypes.CallActionWebhook,
            AccountId = (string?)data["account_id"] ?? "",
            Subject = "/calls/" + ((string?)data["call_id"] ?? ""),
            Time = now,
            Sequence = CounterOf(effect.Id),
            WebhookUrl = effect.Url,
            Data = data,
            Dialect = effect.Dialect,
        };
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json) as JsonObject ?? [];

    /// <summary>Effect ids end in a per-instance counter (<c>{instance}:x17</c>); it only grows.</summary>
    private static long CounterOf(string effectId)
    {
        var i = effectId.Length;
        while (i > 0 && char.IsAsciiDigit(effectId[i - 1]))
        {
            i--;
        }

        return long.TryParse(effectId.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }
}
