using System.Text.Json.Nodes;
using Voice.Core.Events;

namespace Voice.Events.Tests;

/// <summary>Engine events as a lifecycle would publish them.</summary>
internal static class TestEvents
{
    public const string AccountId = "AC-test";

    public static string NewCallId() => "call-" + Guid.NewGuid().ToString("N")[..12];

    public static VoiceEvent Call(string callId, long sequence, string type, string? webhookUrl, string accountId = AccountId) => new()
    {
        Id = $"{callId}-{sequence}",
        Type = type,
        AccountId = accountId,
        Subject = "/calls/" + callId,
        Time = DateTimeOffset.UtcNow,
        Sequence = sequence,
        WebhookUrl = webhookUrl,
        Data = new JsonObject { ["id"] = callId, ["status"] = "in-progress", ["direction"] = "outbound", ["from"] = "+15550001", ["to"] = "+15550002" },
    };

    /// <summary>A call's usual lifecycle: initiated, ringing, answered, dtmf, completed (sequences 1–5).</summary>
    public static IReadOnlyList<VoiceEvent> Lifecycle(string callId, string? webhookUrl, string accountId = AccountId) =>
    [
        Call(callId, 1, VoiceEventTypes.CallInitiated, webhookUrl, accountId),
        Call(callId, 2, VoiceEventTypes.CallRinging, webhookUrl, accountId),
        Call(callId, 3, VoiceEventTypes.CallAnswered, webhookUrl, accountId),
        Call(callId, 4, VoiceEventTypes.CallDtmfReceived, webhookUrl, accountId),
        Call(callId, 5, VoiceEventTypes.CallCompleted, webhookUrl, accountId),
    ];
}
