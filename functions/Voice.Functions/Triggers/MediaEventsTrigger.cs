using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Voice.Engine.Lifecycles;
using Voice.Functions.Lifecycles;
using Voice.Media.Contracts;

namespace Voice.Functions.Triggers;

/// <summary>Routes each media-node event to its lifecycle (a malformed message fails and goes to the poison queue).</summary>
public sealed class MediaEventsTrigger(MediaEventRouter router)
{
    [Function(nameof(MediaEvents))]
    public Task MediaEvents(
        [QueueTrigger(MediaQueues.Events, Connection = "VoiceStorage")] string message,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        router.RouteAsync(MediaContract.DeserializeEvent(message), new DurableLifecycleHost(durable), cancellationToken);
}
