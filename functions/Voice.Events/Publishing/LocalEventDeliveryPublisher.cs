using Voice.Core.Events;
using Voice.Events.Delivery;
using Voice.Events.Subscriptions;
using Voice.Events.Webhooks;

namespace Voice.Events.Publishing;

/// <summary>
/// DevHost: stands in for the Event Grid topic. Each event becomes a delivery to its per-call webhook (what the
/// dispatcher subscription does in Azure) and one per matching validated local subscription; all are persisted
/// by <see cref="EventDeliveryService"/> before this returns.
/// </summary>
public sealed class LocalEventDeliveryPublisher(
    EventDeliveryService deliveries,
    LocalSubscriptions subscriptions,
    WebhookCloudEvents cloudEvents,
    TimeProvider clock) : IVoiceEventPublisher
{
    public async Task PublishAsync(IReadOnlyList<VoiceEvent> events, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var pending = new List<PendingDelivery>();
        foreach (var voiceEvent in events)
        {
            var cloudEvent = await cloudEvents.ToCloudEventAsync(voiceEvent, cancellationToken);
            if (WebhookDispatcher.DeliveryFor(cloudEvent, now) is { } webhook)
            {
                pending.Add(webhook);
            }

            foreach (var subscription in await subscriptions.MatchingAsync(voiceEvent.Type, cancellationToken))
            {
                pending.Add(PendingDelivery.Create(cloudEvent, DeliveryKind.Subscription, subscription.Name, subscription.Endpoint, now));
            }
        }

        if (pending.Count > 0)
        {
            await deliveries.AcceptAsync(pending, cancellationToken);
        }
    }
}
