using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using Voice.MediaNode.Configuration;
using Voice.MediaNode.Events;
using Voice.MediaNode.Storage;

namespace Voice.MediaNode.Commands;

/// <summary>
/// Polls <c>media-commands</c> in batches and executes each command once. A message is deleted after its command
/// was handled; one that cannot be parsed, has an unknown contract version, or was delivered more than
/// <see cref="MaxDequeueCount"/> times (poison) is deleted and reported as an <c>error</c> event. A repeated
/// command id is acknowledged without acting again. An idle queue is polled at growing intervals up to
/// <c>MediaNode__Commands__MaxIdlePollMs</c>. Storage outages back off and retry; the loop ends only when the host stops.
/// </summary>
public sealed class CommandQueueWorker(
    VoiceStorageClients storage,
    IMediaCommandHandler handler,
    MediaEventPublisher events,
    RecentCommandIds executed,
    IOptions<MediaNodeOptions> options,
    ILogger<CommandQueueWorker> logger) : BackgroundService
{
    /// <summary>Deliveries after which a message is treated as poison.</summary>
    public const int MaxDequeueCount = 5;

    /// <summary>Error code of a poison message.</summary>
    public const string Poison = "poison_message";

    private const int BatchSize = 16;
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinIdleDelay = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan OutageRetryDelay = TimeSpan.FromSeconds(1);

    // Every command waits for the next poll, so this bounds call-control latency (see MediaNodeOptions.Commands).
    private readonly TimeSpan maxIdleDelay = TimeSpan.FromMilliseconds(options.Value.Commands.MaxIdlePollMs);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idleDelay = MinIdleDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = await storage.Commands.ReceiveMessagesAsync(BatchSize, VisibilityTimeout, stoppingToken);

                // Calls are independent: one call's slow command (a prompt download, TTS) must not hold up the
                // others'. One call's commands still run one after another, in queue order.
                await Task.WhenAll(batch.Value
                    .Select(message => (Message: message, Read: CommandMessage.Read(message.Body.ToString())))
                    .GroupBy(m => m.Read.CallId ?? m.Message.MessageId)
                    .Select(async call =>
                    {
                        foreach (var (message, read) in call)
                        {
                            await ProcessAsync(message, read, stoppingToken);
                        }
                    }));

                idleDelay = batch.Value.Length > 0 ? MinIdleDelay : Grow(idleDelay);
                if (batch.Value.Length > 0)
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
                await Task.Delay(idleDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Deletes a message the SDK could not Base64-decode and reports it.</summary>
    public async Task OnUndecodableMessageAsync(QueueMessageDecodingFailedEventArgs args)
    {
        if (args.ReceivedMessage is not { } message)
        {
            return;
        }

        logger.LogWarning("Dropping command message {MessageId}: not Base64", message.MessageId);
        await DeleteAsync(message, CancellationToken.None);
        await ReportAsync(null, null, CommandMessage.Malformed, "message body is not Base64", CancellationToken.None);
    }

    private async Task ProcessAsync(QueueMessage message, CommandMessage read, CancellationToken cancellationToken)
    {
        if (message.DequeueCount > MaxDequeueCount)
        {
            logger.LogWarning("Dropping poison command message {MessageId} after {Count} deliveries", message.MessageId, message.DequeueCount);
            await DeleteAsync(message, cancellationToken);
            await ReportAsync(read.CallId, read.CommandId, Poison, $"command dropped after {message.DequeueCount} deliveries", cancellationToken);
            return;
        }

        if (read.Command is not { } command)
        {
            logger.LogWarning("Dropping command message {MessageId}: {Error}", message.MessageId, read.ErrorMessage);
            await DeleteAsync(message, cancellationToken);
            await ReportAsync(read.CallId, read.CommandId, read.ErrorCode!, read.ErrorMessage!, cancellationToken);
            return;
        }

        if (executed.Contains(command.Id))
        {
            logger.LogInformation("Command {CommandId} was already executed; acknowledging the repeat", command.Id);
            await DeleteAsync(message, cancellationToken);
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
        await DeleteAsync(message, cancellationToken);
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
