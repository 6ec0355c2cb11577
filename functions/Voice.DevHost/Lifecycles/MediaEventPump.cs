using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Voice.Engine.Lifecycles;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.DevHost.Lifecycles;

/// <summary>
/// DevHost's stand-in for the Functions queue trigger on <c>media-events</c>: hands each message to the same
/// <see cref="MediaEventMessages"/> handler, then deletes it. Messages of different calls are handled in parallel
/// (each becomes a Durable event, a storage round trip), those of one call in queue order. A malformed message
/// goes to <c>media-events-poison</c>, as the Functions host would move it.
/// </summary>
public sealed class MediaEventPump : BackgroundService
{
    // Each event (a digit, a hangup) waits for the next poll: short, since Azurite polls cost nothing.
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(50);
    private readonly QueueClient queue;
    private readonly QueueClient poison;
    private readonly MediaEventMessages messages;
    private readonly ILifecycleHost lifecycles;
    private readonly ILogger<MediaEventPump> logger;

    public MediaEventPump(StorageClients storage, MediaEventMessages messages, ILifecycleHost lifecycles, ILogger<MediaEventPump> logger)
    {
        queue = storage.Queues.GetQueueClient(MediaQueues.Events);
        poison = storage.Queues.GetQueueClient(MediaQueues.Events + "-poison");
        this.messages = messages;
        this.lifecycles = lifecycles;
        this.logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), stoppingToken)).Value;
                await Task.WhenAll(batch.GroupBy(CallIdOf).Select(group => HandleInOrderAsync(group, stoppingToken)));
                if (batch.Length == 0)
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

    private async Task HandleInOrderAsync(IEnumerable<QueueMessage> callMessages, CancellationToken cancellationToken)
    {
        foreach (var message in callMessages)
        {
            var body = message.Body.ToString();
            if (await messages.HandleAsync(body, lifecycles, cancellationToken) == MediaEventOutcome.Malformed)
            {
                await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                await poison.SendMessageAsync(body, cancellationToken);
            }

            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
    }

    /// <summary>Groups a batch by call without parsing it twice: the id is the one field every event has.</summary>
    private static string CallIdOf(QueueMessage message)
    {
        var body = message.Body.ToString();
        const string key = "\"call_id\":\"";
        var start = body.IndexOf(key, StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        start += key.Length;
        var end = body.IndexOf('"', start);
        return end > start ? body[start..end] : string.Empty;
    }
}
