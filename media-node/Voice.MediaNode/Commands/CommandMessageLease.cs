using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Voice.MediaNode.Commands;

/// <summary>
/// Keeps one received <c>media-commands</c> message invisible while its command waits in its call's lane or runs:
/// the visibility timeout is renewed every third of it, and each renewal's new pop receipt is kept for the delete.
/// Without it a command that outlasts the timeout is delivered again, and after five deliveries reported as poison
/// while it still runs. Ending the lease (<see cref="DisposeAsync"/>) stops the renewals: the message then reappears
/// when its current timeout runs out, which is how a failed command is retried.
/// </summary>
public sealed class CommandMessageLease : IAsyncDisposable
{
    private readonly QueueClient queue;
    private readonly TimeSpan visibility;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly CancellationTokenSource ending = new();
    private readonly Task renewing;
    private string popReceipt;
    private Task? ended;

    private CommandMessageLease(QueueClient queue, QueueMessage message, TimeSpan visibility, TimeProvider time, ILogger logger)
    {
        this.queue = queue;
        this.visibility = visibility;
        this.time = time;
        this.logger = logger;
        MessageId = message.MessageId;
        popReceipt = message.PopReceipt;
        renewing = RenewAsync();
    }

    public string MessageId { get; }

    /// <summary>Starts keeping <paramref name="message"/>, just received with <paramref name="visibility"/>, invisible.</summary>
    public static CommandMessageLease Hold(QueueClient queue, QueueMessage message, TimeSpan visibility, TimeProvider time, ILogger logger) =>
        new(queue, message, visibility, time, logger);

    /// <summary>Ends the lease and deletes the message (its command was handled). A message already gone is no error.</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await DisposeAsync();
        try
        {
            await queue.DeleteMessageAsync(MessageId, popReceipt, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone, or received again after a renewal failed (that delivery is dropped as a repeat).
        }
    }

    /// <summary>Ends the lease and makes the message visible at once (its command was not started: the node is stopping).</summary>
    public async Task ReturnAsync(CancellationToken cancellationToken)
    {
        await DisposeAsync();
        try
        {
            await queue.UpdateMessageAsync(MessageId, popReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e)
        {
            // It reappears after its visibility timeout instead.
            logger.LogDebug(e, "Command message {MessageId} could not be put back at once", MessageId);
        }
    }

    /// <summary>Stops the renewals (waiting for one in progress, so the pop receipt is current). Idempotent.</summary>
    public ValueTask DisposeAsync() => new(ended ??= EndAsync());

    private async Task EndAsync()
    {
        await ending.CancelAsync();
        await renewing;
        ending.Dispose();
    }

    private async Task RenewAsync()
    {
        while (true)
        {
            try
            {
                await Task.Delay(visibility / 3, time, ending.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                // Never cancelled mid-request: an update that took effect unseen would leave a stale pop receipt.
                var renewed = await queue.UpdateMessageAsync(MessageId, popReceipt, visibilityTimeout: visibility, cancellationToken: CancellationToken.None);
                popReceipt = renewed.Value.PopReceipt;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                logger.LogWarning("Command message {MessageId} could not be kept invisible: it is gone or was received again", MessageId);
                return;
            }
            catch (Exception e)
            {
                // A storage outage: try again next period. Should the message reappear meanwhile, its repeat waits in
                // the same call's lane and is dropped as already executed.
                logger.LogWarning(e, "Renewing command message {MessageId} failed; retrying", MessageId);
            }
        }
    }
}
