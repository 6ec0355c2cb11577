using Microsoft.Azure.Functions.Worker;
using Voice.Events.Webhooks;
using Voice.Storage;

namespace Voice.Functions.Triggers;

/// <summary>
/// The platform's Event Grid subscription delivers each engine event into the <c>webhook-events</c> queue (the Event
/// Grid trigger's worker extension is not available); this turns each into its per-call webhook delivery.
/// </summary>
public sealed class WebhookDispatcherTrigger(WebhookDispatcher dispatcher)
{
    [Function("WebhookDispatcher")]
    public Task WebhookDispatcher(
        [QueueTrigger(StorageNames.WebhookEventsQueue, Connection = "VoiceStorage")] string message,
        CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(QueuedCloudEvent.Parse(message), cancellationToken);
}
