using Azure.Messaging;
using Microsoft.Azure.Functions.Worker;
using Voice.Events.Webhooks;

namespace Voice.Functions.Triggers;

/// <summary>The Event Grid subscription's endpoint: turns each engine event into its per-call webhook delivery.</summary>
public sealed class WebhookDispatcherTrigger(WebhookDispatcher dispatcher)
{
    [Function("WebhookDispatcher")]
    public Task WebhookDispatcher([EventGridTrigger] CloudEvent cloudEvent, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(cloudEvent, cancellationToken);
}
