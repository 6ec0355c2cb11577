using Azure.Messaging;
using Voice.Events.CloudEvents;
using Voice.Events.Delivery;

namespace Voice.Events.Webhooks;

/// <summary>
/// Turns an event from the topic stream into its per-call webhook delivery: the target is the event's
/// <c>webhookurl</c> extension attribute. Used by the Event Grid-triggered function in Azure and by the local
/// publisher in DevHost; the delivery itself (signing, ordering per call and URL, retries, dead-letter) is
/// <see cref="EventDeliveryService"/>'s. Returning means the delivery is persisted (or already was).
/// </summary>
public sealed class WebhookDispatcher(EventDeliveryService deliveries, TimeProvider clock)
{
    public const string TargetName = "webhook";

    /// <summary>Queues the event's webhook; false when the event has none or is not a voice event (nothing to do).</summary>
    public async Task<bool> DispatchAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        if (DeliveryFor(cloudEvent, clock.GetUtcNow()) is not { } delivery)
        {
            return false;
        }

        await deliveries.AcceptAsync([delivery], cancellationToken);
        return true;
    }

    /// <summary>
    /// The per-call webhook delivery of <paramref name="cloudEvent"/>, with its failover URL and attempt timeout when
    /// the event carries them; null when it has no webhook URL.
    /// </summary>
    public static PendingDelivery? DeliveryFor(CloudEvent cloudEvent, DateTimeOffset now) =>
        VoiceCloudEvents.WebhookUrlOf(cloudEvent) is { Length: > 0 } url && VoiceCloudEvents.FromCloudEvent(cloudEvent) is not null
            ? PendingDelivery.Create(cloudEvent, DeliveryKind.Webhook, TargetName, url, now) with
            {
                FailoverEndpoint = VoiceCloudEvents.WebhookFailoverUrlOf(cloudEvent) is { Length: > 0 } failover && failover != url ? failover : null,
                AttemptTimeoutSeconds = VoiceCloudEvents.WebhookTimeoutOf(cloudEvent),
            }
            : null;
}
