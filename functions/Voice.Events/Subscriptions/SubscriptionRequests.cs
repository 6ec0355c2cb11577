using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Voice.Events.Delivery;

namespace Voice.Events.Subscriptions;

/// <summary>
/// Builds deliveries to local subscriptions the way Event Grid does for the CloudEvents schema: POST one event
/// in structured mode (<c>application/cloudevents+json; charset=utf-8</c>) with the <c>aeg-subscription-name</c>,
/// <c>aeg-delivery-count</c> (prior attempts) and <c>aeg-event-type: Notification</c> headers.
/// </summary>
public static class SubscriptionRequests
{
    public const string CloudEventsContentType = "application/cloudevents+json";

    public static HttpRequestMessage Create(PendingDelivery delivery, Uri endpoint)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(delivery.EventJson));
        content.Headers.ContentType = new MediaTypeHeaderValue(CloudEventsContentType) { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.TryAddWithoutValidation("aeg-subscription-name", delivery.TargetName.ToUpperInvariant());
        request.Headers.TryAddWithoutValidation("aeg-delivery-count", delivery.Attempts.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("aeg-event-type", "Notification");
        return request;
    }
}
