using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Voice.Core.Accounts;
using Voice.Engine.Recordings;
using Voice.Events.CloudEvents;
using Voice.Events.Delivery;
using Voice.Events.Webhooks;

namespace Voice.Api.Telnyx;

/// <summary>
/// Telnyx's webhook wire format: the envelope of <see cref="TelnyxEventProjection"/>, POST JSON, signed with the
/// account's Ed25519 key at send time (<see cref="TelnyxWebhookSigner"/>), so <c>client.webhooks.unwrap</c> accepts it.
/// An event Telnyx has no webhook for gets no request (null): the delivery is done without sending.
/// </summary>
public sealed class TelnyxWebhookFormat(TelnyxSigningKeyStore keys, RecordingService recordings) : IWebhookFormat
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

        if (envelope["data"]?["payload"]?["recording_urls"] is JsonObject urls && (string?)urls["wav"] is { } blobUrl)
        {
            // The container is private: the customer gets a link that works for a while, made at send time.
            var link = (await recordings.DownloadLinkAsync(blobUrl, RecordingLinkLifetime, now, cancellationToken))?.ToString();
            urls["wav"] = link;
            envelope["data"]!["payload"]!["public_recording_urls"] = new JsonObject { ["wav"] = link };
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
}
