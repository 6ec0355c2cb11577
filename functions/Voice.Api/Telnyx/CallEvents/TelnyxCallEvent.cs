using System.Text.Json.Nodes;
using Voice.Storage;

namespace Voice.Api.Telnyx;

/// <summary>
/// A call event on Telnyx's wire (<c>GET /v2/call_events</c>): a command the call accepted (<c>type: command</c>, named
/// as the action, <c>dial</c> for the dial) or a webhook sent for it (<c>type: webhook</c>, named by its event type).
/// </summary>
public sealed record TelnyxCallEvent(
    string RecordType, string CallLegId, string CallSessionId, string EventTimestamp, string Name, string Type, JsonObject Metadata)
{
    public const string Command = "command";
    public const string Webhook = "webhook";

    public static TelnyxCallEvent Of(CallEventEntry entry) => new(
        "call_event",
        TelnyxIds.Uuid(entry.CallId),
        TelnyxIds.Uuid(entry.SessionCallId ?? entry.CallId),
        entry.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        entry.Name,
        entry.Kind == CallEventKind.Command ? Command : Webhook,
        JsonNode.Parse(entry.MetadataJson) as JsonObject ?? []);
}
