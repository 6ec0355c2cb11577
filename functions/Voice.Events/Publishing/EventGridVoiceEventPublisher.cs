using Azure.Messaging.EventGrid;
using Voice.Core.Events;
using Voice.Events.CloudEvents;

namespace Voice.Events.Publishing;

/// <summary>
/// Azure: sends events to the Event Grid custom topic (CloudEvents 1.0 input schema) in one batch. The Azure SDK
/// retries transient failures; a failure that survives them is thrown so the caller (a durable activity) retries.
/// </summary>
public sealed class EventGridVoiceEventPublisher(EventGridPublisherClient client) : IVoiceEventPublisher
{
    public async Task PublishAsync(IReadOnlyList<VoiceEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        await client.SendEventsAsync(events.Select(VoiceCloudEvents.ToCloudEvent), cancellationToken);
    }
}
