using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Voice.Core.Accounts;
using Voice.Core.Events;
using Voice.Engine.Accounts;
using Voice.Engine.Recordings;
using Voice.Events.CloudEvents;
using Voice.Events.Delivery;
using Voice.Events.Webhooks;

namespace Voice.Api.Telnyx;

/// <summary>
/// Telnyx's webhook wire format: the envelope of <see cref="TelnyxEventProjection"/>, POST JSON, signed with the
/// account's Ed25519 key at send time (<see cref="TelnyxWebhookSigner"/>), so <c>client.webhooks.unwrap</c> accepts it.
/// An event Telnyx has no webhook for gets no request (null): the delivery is done without sending. A call's webhooks
/// to its application's <c>webhook_event_url</c> fail over to the application's <c>webhook_event_failover_url</c>;
/// every webhook of the application's calls waits <c>webhook_timeout_secs</c> per attempt; each webhook is recorded as
/// a call event after its first attempt.
/// </summary>
public sealed class TelnyxWebhookFormat(
    TelnyxSigningKeyStore keys, RecordingService recordings, ApplicationService applications, TelnyxCallEventRecorder callEvents) : IWebhookFormat
{
    /// <summary>How long a webhook's recording links work, as Telnyx's do.</summary>
    public static readonly TimeSpan RecordingLinkLifetime = TimeSpan.FromMinutes(10);

    public ApplicationDialect Dialect => ApplicationDialect.Telnyx;

    public async Task<HttpRequestMessage?> CreateAsync(PendingDelivery delivery, Uri endpoint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (VoiceCloudEvents.ParseJson(delivery.EventJson) is not { } cloudEvent
            || VoiceCloudEvents.FromCloudEvent(cloudEvent) is not { } voiceEvent
            || TelnyxEventProjection.Project(voiceEvent, delivery.Attempts + 1, endpoint.ToString()) is not { } envelope)
        {
            return null;
        }

        if (envelope["data"]?["payload"]?["recording_urls"] is JsonObject urls)
        {
            // The container is private: the customer gets a link that works for a while, made at send time, for each
            // format the recording was saved in (wav or mp3).
            var links = new JsonObject();
            foreach (var (format, value) in urls.ToList())
            {
                var blobUrl = value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)value : null;
                var link = blobUrl is null ? null : (await recordings.DownloadLinkAsync(blobUrl, RecordingLinkLifetime, now, cancellationToken))?.ToString();
                urls[format] = link;
                links[format] = link;
            }

            envelope["data"]!["payload"]!["public_recording_urls"] = links;
        }

        var body = Encoding.UTF8.GetBytes(envelope.ToJsonString());
        var key = await keys.GetOrCreateAsync(delivery.AccountId, cancellationToken);
        var signature = TelnyxWebhookSigner.Sign(key, body, now);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.TryAddWithoutValidation(TelnyxWebhookSigner.SignatureHeader, signature.Signature);
        request.Headers.TryAddWithoutValidation(TelnyxWebhookSigner.TimestampHeader, signature.Timestamp);
        request.Headers.UserAgent.ParseAdd("telnyx-webhooks");
        return request;
    }

    /// <summary>
    /// The application's failover URL, for a webhook to the application's own URL only: a dial's <c>webhook_url</c> is
    /// the caller's choice for that call, and its events do not go to a server the dial did not name. The timeout
    /// applies to every webhook of the application's calls. Events Telnyx sends no webhook for read nothing.
    /// </summary>
    public async Task<WebhookTargetSettings?> TargetSettingsAsync(VoiceEvent voiceEvent, CancellationToken cancellationToken)
    {
        if (TelnyxEventProjection.EventType(voiceEvent.Type) is null
            || voiceEvent.Data["application_id"] is not JsonValue value || !value.TryGetValue<string>(out var applicationId)
            || !TelnyxIds.IsPathId(applicationId)
            || await applications.GetAsync(voiceEvent.AccountId, applicationId, cancellationToken) is not { Dialect: ApplicationDialect.Telnyx } application)
        {
            return null;
        }

        var primary = application.Telnyx?.WebhookEventUrl ?? application.EventUrl;
        var failover = voiceEvent.WebhookUrl == primary ? application.Telnyx?.WebhookEventFailoverUrl : null;
        var timeout = application.Telnyx?.WebhookTimeoutSecs;
        return failover is null && timeout is null ? null : new WebhookTargetSettings(failover, timeout);
    }

    /// <summary>Records the webhook as a call event of its call after its first attempt (a retry is the same event).</summary>
    public async Task AttemptedAsync(PendingDelivery delivery, Uri endpoint, DeliveryOutcome outcome, CancellationToken cancellationToken)
    {
        if (delivery.Attempts != 0
            || VoiceCloudEvents.ParseJson(delivery.EventJson) is not { } cloudEvent
            || VoiceCloudEvents.FromCloudEvent(cloudEvent) is not { } voiceEvent
            || CallIdOf(voiceEvent) is not { } callId
            || TelnyxEventProjection.Project(voiceEvent, 1, endpoint.ToString())?["data"] is not JsonObject data)
        {
            return;
        }

        await callEvents.RecordWebhookAsync(delivery.AccountId, callId, voiceEvent.Id, voiceEvent.Time, data);
    }

    /// <summary>The call an event is about: its subject's, or the participant's of a conference event.</summary>
    private static string? CallIdOf(VoiceEvent voiceEvent) =>
        voiceEvent.Data["call_id"] is JsonValue value && value.TryGetValue<string>(out var callId) ? callId
        : voiceEvent.Subject.StartsWith("/calls/", StringComparison.Ordinal) ? voiceEvent.Subject["/calls/".Length..]
        : null;
}
