using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.Api.Telnyx;

/// <summary>
/// Writes a Telnyx call's events to the <see cref="CallEventLog"/>: each command after the call accepted it, each
/// webhook after its first attempt. A write never fails or holds up what it records beyond the write itself: an
/// error is logged and the command or webhook goes on as if nothing happened.
/// </summary>
public sealed class TelnyxCallEventRecorder(CallEventLog log, CallRepository calls, TimeProvider clock, ILogger<TelnyxCallEventRecorder> logger)
{
    /// <summary>How long a write may hold up the command's response or the lane's next webhook.</summary>
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(2);

    /// <summary>A command <paramref name="name"/> (the action, or <c>dial</c>) the call accepted; its metadata is the request body.</summary>
    public Task RecordCommandAsync(string accountId, string callId, string name, JsonElement body)
    {
        // The body is read now: the request's document does not outlive the request.
        var entry = new CallEventEntry(
            accountId, callId, clock.GetUtcNow(), CallEventKind.Command, name, "command:" + Guid.NewGuid().ToString("N"),
            body.ValueKind == JsonValueKind.Object ? body.GetRawText() : "{}");
        return WriteAsync(entry, async cancellationToken =>
            entry with { SessionCallId = (await calls.Table.GetAsync(accountId, callId, cancellationToken))?.Value.ParentCallId });
    }

    /// <summary>
    /// The webhook of <paramref name="eventId"/>: its envelope's <c>data</c> is the metadata, without the recording
    /// links (made at send time, they expire). Keyed by the event, so a repeated delivery is listed once.
    /// </summary>
    public Task RecordWebhookAsync(string accountId, string callId, string eventId, DateTimeOffset occurredAt, JsonObject data)
    {
        if (data["payload"] is JsonObject payload)
        {
            payload.Remove("recording_urls");
            payload.Remove("public_recording_urls");
        }

        // The webhook names the session (TelnyxEventProjection): its first call's UUID.
        var session = (string?)data["payload"]?["call_session_id"] is { } uuid && TelnyxIds.TryParseUuid(uuid, SortableIds.CallPrefix, out var sessionId)
            ? sessionId
            : null;
        var entry = new CallEventEntry(
            accountId, callId, occurredAt, CallEventKind.Webhook, (string?)data["event_type"] ?? "", "webhook:" + eventId, data.ToJsonString())
        {
            SessionCallId = session,
        };
        return WriteAsync(entry, _ => Task.FromResult(entry));
    }

    /// <summary>Completes <paramref name="entry"/> (its session) and writes it, within <see cref="WriteTimeout"/> in all.</summary>
    private async Task WriteAsync(CallEventEntry entry, Func<CancellationToken, Task<CallEventEntry>> complete)
    {
        try
        {
            // Not the request's token: a command the call accepted is recorded even if its client has gone.
            using var timeout = new CancellationTokenSource(WriteTimeout);
            await log.AddAsync(await complete(timeout.Token), timeout.Token);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Call event {Name} of call {CallId} was not recorded", entry.Name, entry.CallId);
        }
    }
}
