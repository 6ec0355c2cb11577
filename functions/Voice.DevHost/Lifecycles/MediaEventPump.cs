using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using Voice.Engine.Lifecycles;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.DevHost.Lifecycles;

/// <summary>
/// DevHost's stand-in for the Functions queue trigger on <c>media-events</c>: hands each message to the same
/// <see cref="MediaEventMessages"/> handler, then deletes it. Messages of different calls are handled in parallel
/// (each becomes a Durable event, a storage round trip), those of one call in queue order. The next batch is received
/// while the last one is still being handled (up to <see cref="MaxInFlight"/> messages at once), as the Functions
/// host's <c>newBatchThreshold</c> does: a batch no longer waits for its slowest call (an incoming call's route lookup
/// and start) before the next digit or hangup is read. A malformed message goes to <c>media-events-poison</c> at once, and
/// one whose handling failed <see cref="MediaEventPumpOptions.MaxAttempts"/> times goes there too (with an error log
/// line), as the Functions host moves it: one bad message never holds its call, or any other, back for good.
/// </summary>
public sealed class MediaEventPump : BackgroundService
{
    // Each event (a digit, a hangup) waits for the next poll: short, since Azurite polls cost nothing.
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(50);

    // Well within the 30 s visibility timeout of a received message, even on a loaded machine.
    private const int MaxInFlight = 128;
    private const int BatchSize = 32;
    private readonly QueueClient queue;
    private readonly QueueClient poison;
    private readonly MediaEventMessages messages;
    private readonly ILifecycleHost lifecycles;
    private readonly ILogger<MediaEventPump> logger;
    private readonly MediaEventPumpOptions options;

    // Per call, the last message handling queued: the next one of that call runs after it.
    private readonly Dictionary<string, Task<bool>> lastOfCall = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim slots = new(MaxInFlight, MaxInFlight);

    public MediaEventPump(StorageClients storage, MediaEventMessages messages, ILifecycleHost lifecycles, IOptions<MediaEventPumpOptions> options, ILogger<MediaEventPump> logger)
    {
        this.options = options.Value;
        queue = storage.Queues.GetQueueClient(MediaQueues.Events);
        poison = storage.Queues.GetQueueClient(MediaQueues.Events + "-poison");
        this.messages = messages;
        this.lifecycles = lifecycles;
        this.logger = logger;
    }

    public override void Dispose()
    {
        slots.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    // A slot for every message of the batch first, so that no received message waits out its visibility
                    // timeout; slots the batch does not use are given back.
                    for (var i = 0; i < BatchSize; i++)
                    {
                        await slots.WaitAsync(stoppingToken);
                    }

                    QueueMessage[] batch = [];
                    try
                    {
                        batch = (await queue.ReceiveMessagesAsync(BatchSize, options.VisibilityTimeout, stoppingToken)).Value;
                    }
                    finally
                    {
                        slots.Release(BatchSize - batch.Length);
                    }

                    foreach (var message in batch)
                    {
                        Dispatch(message, stoppingToken);
                    }

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
        finally
        {
            Task[] running;
            lock (lastOfCall)
            {
                running = [.. lastOfCall.Values];
            }

            // Handlings in flight end with the stop (their token is cancelled); unfinished messages reappear later.
            await Task.WhenAll(running).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Queues <paramref name="message"/> behind its call's previous message; it holds one slot until handled.</summary>
    private void Dispatch(QueueMessage message, CancellationToken cancellationToken)
    {
        var callId = CallIdOf(message);
        lock (lastOfCall)
        {
            var previous = lastOfCall.GetValueOrDefault(callId) ?? Task.FromResult(true);
            var handling = HandleAfterAsync(previous, message, cancellationToken);
            lastOfCall[callId] = handling;
            _ = handling.ContinueWith(
                done =>
                {
                    lock (lastOfCall)
                    {
                        if (lastOfCall.TryGetValue(callId, out var last) && last == done)
                        {
                            lastOfCall.Remove(callId);
                        }
                    }

                    slots.Release();
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Handles <paramref name="message"/> once its call's previous message succeeded; true when it did. After a failure
    /// the call's later messages of this round are left too, so that all of them reappear (after their visibility
    /// timeout) and are handled again in order: at least once, never a hangup before the digit that preceded it.
    /// </summary>
    private async Task<bool> HandleAfterAsync(Task<bool> previous, QueueMessage message, CancellationToken cancellationToken)
    {
        // Dispatch calls this under its lock: return at once, and handle on the pool, so the handler (the router, the
        // lifecycle host) never runs inside the lock (ARCHITECTURE principle 8).
        await Task.Yield();
        if (!await previous)
        {
            return false;
        }

        try
        {
            await HandleAsync(message, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e) when (message.DequeueCount >= options.MaxAttempts)
        {
            logger.LogError(e, "media event {MessageId} failed {Attempts} times; moved to {Queue}", message.MessageId, message.DequeueCount, poison.Name);
            return await SetAsideAsync(message, cancellationToken);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "media event {MessageId} failed (attempt {Attempt}); it will be retried", message.MessageId, message.DequeueCount);
            return false;
        }
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var body = message.Body.ToString();
        if (await messages.HandleAsync(body, lifecycles, cancellationToken) == MediaEventOutcome.Malformed)
        {
            await SendToPoisonAsync(body, cancellationToken);
        }

        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
    }

    // The call's later messages go on after a message set aside (true); if even this fails, all of them wait for the retry.
    private async Task<bool> SetAsideAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await SendToPoisonAsync(message.Body.ToString(), cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "media event {MessageId} could not be moved to {Queue}; it will be retried", message.MessageId, poison.Name);
            return false;
        }
    }

    private async Task SendToPoisonAsync(string body, CancellationToken cancellationToken)
    {
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await poison.SendMessageAsync(body, cancellationToken);
    }

    /// <summary>The call a message is for, without parsing it twice: the id is the one field every event has.</summary>
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
