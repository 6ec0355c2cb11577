using System.Text.Json;
using Azure.Storage.Queues;
using Voice.Engine.Lifecycles;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.DevHost.Lifecycles;

/// <summary>
/// DevHost's stand-in for the Functions queue trigger on <c>media-events</c>: receives events from the media-node,
/// routes each to its lifecycle, then deletes it. A malformed message is logged and deleted (a poison message
/// must not block the queue).
/// </summary>
public sealed class MediaEventPump : BackgroundService
{
    // Each event (a digit, a hangup) waits for the next poll: short, since Azurite polls cost nothing.
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(50);
    private readonly QueueClient queue;
    private readonly MediaEventRouter router;
    private readonly ILifecycleHost lifecycles;
    private readonly ILogger<MediaEventPump> logger;

    public MediaEventPump(StorageClients storage, MediaEventRouter router, ILifecycleHost lifecycles, ILogger<MediaEventPump> logger)
    {
        queue = storage.Queues.GetQueueClient(MediaQueues.Events);
        this.router = router;
        this.lifecycles = lifecycles;
        this.logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), stoppingToken)).Value;

                // Routing only posts to mailboxes (fast, in queue order); the deletes are storage round trips, done together.
                foreach (var message in messages)
                {
                    await HandleAsync(message.Body.ToString(), stoppingToken);
                }

                await Task.WhenAll(messages.Select(m => queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, stoppingToken)));

                if (messages.Length == 0)
                {
                    await Task.Delay(IdlePoll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "media-events poll failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task HandleAsync(string json, CancellationToken cancellationToken)
    {
        MediaEvent mediaEvent;
        try
        {
            mediaEvent = MediaContract.DeserializeEvent(json);
        }
        catch (JsonException e)
        {
            logger.LogWarning("dropping malformed media event: {Reason}", e.Message);
            return;
        }

        await router.RouteAsync(mediaEvent, lifecycles, cancellationToken);
    }
}
