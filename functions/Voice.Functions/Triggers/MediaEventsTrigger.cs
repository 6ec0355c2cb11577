using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Voice.Engine.Lifecycles;
using Voice.Media.Contracts;
using Voice.Orchestration;

namespace Voice.Functions.Triggers;

/// <summary>Routes each media-node event to its lifecycle with the shared handler (DevHost's pump runs the same).</summary>
public sealed class MediaEventsTrigger(MediaEventMessages messages)
{
    [Function(nameof(MediaEvents))]
    public async Task MediaEvents(
        [QueueTrigger(MediaQueues.Events, Connection = "VoiceStorage")] string message,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        if (await messages.HandleAsync(message, new DurableLifecycleHost(durable), cancellationToken) == MediaEventOutcome.Malformed)
        {
            // Failing the invocation sends it to media-events-poison once maxDequeueCount is reached, where it can be read.
            throw new InvalidOperationException("malformed media event; see the log");
        }
    }
}
