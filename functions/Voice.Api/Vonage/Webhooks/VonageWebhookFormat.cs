using System.Text.Json.Nodes;
using Voice.Core.Accounts;
using Voice.Engine.Recordings;
using Voice.Events.CloudEvents;
using Voice.Events.Delivery;
using Voice.Events.Webhooks;
using Voice.Storage;

namespace Voice.Api.Vonage.Webhooks;

/// <summary>
/// Vonage's event_url wire format: the body of <see cref="VonageEventProjection"/>, POST JSON (or GET with query when
/// the call's <c>event_method</c> is GET), signed when the application asks. An event Vonage has no webhook for gets no
/// request. A recording's URL is a download link made at send time (the container is private), valid 10 minutes.
/// </summary>
public sealed class VonageWebhookFormat(VonageCallbackRequests requests, CallRepository calls, RecordingService recordings) : IWebhookFormat
{
    public static readonly TimeSpan RecordingLinkLifetime = TimeSpan.FromMinutes(10);

    public ApplicationDialect Dialect => ApplicationDialect.Vonage;

    public async Task<HttpRequestMessage?> CreateAsync(PendingDelivery delivery, Uri endpoint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (VoiceCloudEvents.ParseJson(delivery.EventJson) is not { } cloudEvent
            || VoiceCloudEvents.FromCloudEvent(cloudEvent) is not { } voiceEvent
            || VonageEventProjection.Project(voiceEvent) is not { } body)
        {
            return null;
        }

        if (body["recording_url"] is JsonValue url && url.TryGetValue<string>(out var blobUrl))
        {
            body["recording_url"] = (await recordings.DownloadLinkAsync(blobUrl, RecordingLinkLifetime, now, cancellationToken))?.ToString();
        }

        var callId = (string?)voiceEvent.Data["call_id"];
        var method = "POST";
        if (voiceEvent.Type != Voice.Core.Events.VoiceEventTypes.CallActionWebhook && callId is not null
            && await calls.FindAsync(delivery.AccountId, callId, cancellationToken) is { StatusCallbackMethod: { } chosen })
        {
            method = chosen;
        }

        return await requests.CreateAsync(body, method, endpoint, delivery.AccountId, (string?)voiceEvent.Data["application_id"], cancellationToken);
    }
}
