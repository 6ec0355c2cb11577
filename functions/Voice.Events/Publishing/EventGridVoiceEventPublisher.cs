using Azure.Messaging.EventGrid;
using Voice.Core.Events;
using Voice.Events.Webhooks;

namespace Voice.Events.Publishing;

/// <summary>
/// Azure: sends events to the Event Grid custom topic (CloudEvents 1.0 input schema, with their webhook targets'
/// settings: <see cref="WebhookCloudEvents"/>) in one batch. The Azure SDK
/// retries transient failures; a failure that survives them is thrown so the caller (a durable activity) retries.
/// </summary>
public sealed class EventGridVoiceEventPublisher(EventGridPublisherClient client, WebhookCloudEvents webhookCloudEvents) : IVoiceEventPublisher
{
    public async Task PublishAsync(IReadOnlyList<VoiceEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var batch = new List<Azure.Messaging.CloudEvent>(events.Count);
        foreach (var voiceEvent in events)
        {
            batch.Add(await webhookCloudEvents.ToCloudEventAsync(voiceEvent, cancellationToken));
        }

        await client.SendEventsAsync(batch, cancellationToken);
    }
}
