using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Voice.Core.Accounts;
using Voice.Events.CloudEvents;
using Voice.Events.Delivery;

namespace Voice.Events.Webhooks;

/// <summary>
/// Telefon's webhook format, and the default: POST, <c>Content-Type: application/json</c>, body = the CloudEvent in
/// structured-mode JSON, signed with the account's secret at send time (so a retry hours later still passes
/// the receiver's 5-minute replay window), plus delivery id, event type and attempt headers.
/// </summary>
public sealed class SignedWebhookRequests(string signingKey) : IWebhookFormat
{
    public ApplicationDialect Dialect => ApplicationDialect.Telefon;

    /// <summary>The account's signing secret (also a Vonage application's signature secret for signed callbacks).</summary>
    public string SecretFor(string accountId) => WebhookSigningSecrets.ForAccount(signingKey, accountId);

    public Task<HttpRequestMessage?> CreateAsync(PendingDelivery delivery, Uri endpoint, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult<HttpRequestMessage?>(Create(delivery, endpoint, now));

    public HttpRequestMessage Create(PendingDelivery delivery, Uri endpoint, DateTimeOffset now)
    {
        var body = Encoding.UTF8.GetBytes(delivery.EventJson);
        var secret = SecretFor(delivery.AccountId);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(VoiceCloudEvents.JsonContentType) { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.TryAddWithoutValidation(WebhookHeaders.Signature, WebhookSignature.Sign(secret, now, body));
        request.Headers.TryAddWithoutValidation(WebhookHeaders.DeliveryId, delivery.DeliveryId);
        request.Headers.TryAddWithoutValidation(WebhookHeaders.EventType, delivery.EventType);
        request.Headers.TryAddWithoutValidation(WebhookHeaders.DeliveryAttempt, (delivery.Attempts + 1).ToString(CultureInfo.InvariantCulture));
        return request;
    }
}
