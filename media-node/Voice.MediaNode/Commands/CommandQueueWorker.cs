using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using Voice.Media.Contracts;
using Voice.MediaNode.Configuration;
using Voice.MediaNode.Events;
using Voice.MediaNode.Storage;

namespace Voice.MediaNode.Commands;

/// <summary>
/// Polls this node run's command queue (<c>media-commands-{node}-{incarnation}</c>) and executes each command once. Polling goes on while commands run: each received
/// command joins its call's lane (<see cref="CallCommandLanes"/>: one call's commands in queue order, different calls
/// concurrently), and at most <c>MediaNode__Commands__MaxCommandsInFlight</c> are held at once — at the limit the
/// node stops taking messages until one finishes. A held message is kept invisible (<see cref="CommandMessageLease"/>)
/// and deleted after its command was handled; one that cannot be parsed, has an unknown contract version, or was
/// delivered more than <see cref="MaxDequeueCount"/> times (poison) is moved to <c>media-commands-poison</c> (with a log
/// line) and reported as an <c>error</c> event, so it never holds back the commands behind it.
/// A repeated command id is acknowledged without acting again. An idle queue is polled at growing intervals up to
/// <c>MediaNode__Commands__MaxIdlePollMs</c>. Storage outages back off and retry; the loop ends only when the host
/// stops, after the commands running then have finished (those not started go back to the queue).
/// </summary>
public sealed class CommandQueueWorker : BackgroundService
{
    /// <summary>Deliveries after which a message is treated as poison.</summary>
    public const int MaxDequeueCount = 5;

    /// <summary>Error code of a poison message.</summary>
    public const string Poison = "poison_message";

    // The most one receive can return.
    private const int BatchSize = 32;
    private static readonly TimeSpan MinIdleDelay = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan OutageRetryDelay = TimeSpan.FromSeconds(1);

    private readonly VoiceStorageClients storage;
    private readonly IMediaCommandHandler handler;
    private readonly MediaEventPublisher events;
    private readonly RecentCommandIds executed;
    private readonly TimeProvider time;
    private readonly ILogger<CommandQueueWorker> logger;
    private readonly CallCommandLanes lanes;
    private readonly TimeSpan visibilityTimeout;
    private readonly int maxInFlight;

    // Every command waits for the next poll, so this bounds call-control latency (see MediaNodeOptions.Commands).
    private readonly TimeSpan maxIdleDelay;

    // One slot per command held (waiting in its lane or running); taken before receiving, given back when done.
    private readonly SemaphoreSlim slots;

    public CommandQueueWorker(
        VoiceStorageClients storage,
        IMediaCommandHandler handler,
        MediaEventPublisher events,
        RecentCommandIds executed,
        IOptions<MediaNodeOptions> options,
        TimeProvider time,
        ILogger<CommandQueueWorker> logger)
    {
        this.storage = storage;
        this.handler = handler;
        this.events = events;
        this.executed = executed;
        this.time = time;
        this.logger = logger;
        var commands = options.Value.Commands;
        lanes = new CallCommandLanes(logger);
        visibilityTimeout = TimeSpan.FromSeconds(commands.VisibilityTimeoutSeconds);
        maxIdleDelay = TimeSpan.FromMilliseconds(commands.MaxIdlePollMs);
        maxInFlight = commands.MaxCommandsInFlight;
        slots = new SemaphoreSlim(maxInFlight, maxInFlight);
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
            await PollAsync(stoppingToken);
        }
        finally
        {
            await AllHeldCommandsDoneAsync();
        }
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        var idleDelay = MinIdleDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            var dispatched = 0;
            try
            {
                var free = await TakeFreeSlotsAsync(stoppingToken);
                try
                {
                    var batch = await storage.Commands.ReceiveMessagesAsync(free, visibilityTimeout, stoppingToken);
                    foreach (var message in batch.Value)
                    {
                        Dispatch(message, stoppingToken);
                        dispatched++;
                    }
                }
                finally
                {
                    if (free > dispatched)
                    {
                        slots.Release(free - dispatched);
                    }
                }

                idleDelay = dispatched > 0 ? MinIdleDelay : Grow(idleDelay);
                if (dispatched > 0)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Polling {Queue} failed; retrying", storage.Commands.Name);
                idleDelay = OutageRetryDelay;
            }

            try
            {
                await Task.Delay(idleDelay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // At least one slot (waiting for a command to finish when none is free), plus every other free one up to a batch.
    private async Task<int> TakeFreeSlotsAsync(CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        var taken = 1;
        while (taken < BatchSize && await slots.WaitAsync(0, CancellationToken.None))
        {
            taken++;
        }

        return taken;
    }

    // Every slot back means every held command has finished or gone back to the queue.
    private async Task AllHeldCommandsDoneAsync()
    {
        for (var i = 0; i < maxInFlight; i++)
        {
            await slots.WaitAsync(CancellationToken.None);
        }

        slots.Release(maxInFlight);
    }

    /// <summary>Queues <paramref name="message"/> in its call's lane; it holds its slot until handled.</summary>
    private void Dispatch(QueueMessage message, CancellationToken stoppingToken)
    {
        var read = CommandMessage.Read(message.Body.ToString());
        var lease = CommandMessageLease.Hold(storage.Commands, message, visibilityTimeout, time, logger);
        lanes.Enqueue(read.CallId ?? message.MessageId, () => RunAsync(message, read, lease, stoppingToken));
    }

    private async Task RunAsync(QueueMessage message, CommandMessage read, CommandMessageLease lease, CancellationToken stoppingToken)
    {
        try
        {
            if (stoppingToken.IsCancellationRequested)
            {
                // Not started before the node began stopping: back on the queue for the next start.
                await lease.ReturnAsync(CancellationToken.None);
                return;
            }

            await ProcessAsync(message, read, lease, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped mid-command: the message reappears after its visibility timeout.
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Command message {MessageId} could not be handled; it will reappear", message.MessageId);
        }
        finally
        {
            await lease.DisposeAsync();
            slots.Release();
        }
    }

    /// <summary>Deletes a message the SDK could not Base64-decode and reports it.</summary>
    public async Task OnUndecodableMessageAsync(QueueMessageDecodingFailedEventArgs args)
    {
        if (args.ReceivedMessage is not { } message)
        {
            return;
        }

        logger.LogWarning("Moving command message {MessageId} to {Poison}: not Base64", message.MessageId, MediaQueues.CommandsPoison);
        await KeepAsPoisonAsync(message, CancellationToken.None);
        await DeleteAsync(message, CancellationToken.None);
        await ReportAsync(null, null, CommandMessage.Malformed, "message body is not Base64", CancellationToken.None);
    }

    private async Task ProcessAsync(QueueMessage message, CommandMessage read, CommandMessageLease lease, CancellationToken cancellationToken)
    {
        if (message.DequeueCount > MaxDequeueCount)
        {
            logger.LogWarning("Moving command message {MessageId} to {Poison} after {Count} deliveries", message.MessageId, MediaQueues.CommandsPoison, message.DequeueCount);
            await KeepAsPoisonAsync(message, CancellationToken.None);
            await lease.DeleteAsync(CancellationToken.None);
            await ReportAsync(read.CallId, read.CommandId, Poison, $"command dropped after {message.DequeueCount} deliveries", cancellationToken);
            return;
        }

        if (read.Command is not { } command)
        {
            logger.LogWarning("Moving command message {MessageId} to {Poison}: {Error}", message.MessageId, MediaQueues.CommandsPoison, read.ErrorMessage);
            await KeepAsPoisonAsync(message, CancellationToken.None);
            await lease.DeleteAsync(CancellationToken.None);
            await ReportAsync(read.CallId, read.CommandId, read.ErrorCode!, read.ErrorMessage!, cancellationToken);
            return;
        }

        // Repeats of a command carry its call id, so they wait in the same lane: the check sees the first one's outcome.
        if (executed.Contains(command.Id))
        {
            logger.LogInformation("Command {CommandId} was already executed; acknowledging the repeat", command.Id);
            await lease.DeleteAsync(CancellationToken.None);
            return;
        }

        try
        {
            await handler.HandleAsync(command, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Left on the queue: it reappears after the visibility timeout and becomes poison if it keeps failing.
            logger.LogWarning(e, "Command {CommandId} ({Type}) failed; it will be retried", command.Id, command.GetType().Name);
            return;
        }

        executed.Add(command.Id);

        // Not cancelled by the stop: the command ran, and a message left behind would run it again after a restart.
        await lease.DeleteAsync(CancellationToken.None);
    }

    // A copy for whoever investigates; losing it (storage down) must not keep the message blocking its call's lane.
    private async Task KeepAsPoisonAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await storage.CommandsPoison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not copy command message {MessageId} to {Poison}", message.MessageId, MediaQueues.CommandsPoison);
        }
    }

    private async Task DeleteAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Commands.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone (deleted by an earlier delivery whose receipt expired): nothing to do.
        }
    }

    private async Task ReportAsync(string? callId, string? commandId, string code, string message, CancellationToken cancellationToken)
    {
        try
        {
            await events.PublishErrorAsync(callId ?? "", commandId, code, message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not report {Code} for call {CallId}", code, callId);
        }
    }

    private TimeSpan Grow(TimeSpan delay) => delay * 2 > maxIdleDelay ? maxIdleDelay : delay * 2;
}
