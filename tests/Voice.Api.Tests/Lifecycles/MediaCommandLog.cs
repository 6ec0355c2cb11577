using Voice.Media.Contracts;
using Voice.Storage;
using Voice.Testing;

namespace Voice.Api.Tests.Lifecycles;

/// <summary>
/// Plays the media-node's reading side of the queue contract: a node in the registry (so calls are placed on it)
/// whose real command queue is drained into a log (lifecycles queue commands asynchronously, and for every test's
/// calls) that answers per-call queries.
/// </summary>
internal sealed class MediaCommandLog : IAsyncDisposable
{
    private readonly List<MediaCommand> log = [];
    private readonly StorageClients storage;

    private MediaCommandLog(StorageClients storage, RegisteredTestNode node)
    {
        this.storage = storage;
        Node = node;
    }

    public RegisteredTestNode Node { get; }

    public static async Task<MediaCommandLog> StartAsync(StorageClients storage) =>
        new(storage, await RegisteredTestNode.StartAsync(storage.Tables, storage.Queues));

    public ValueTask DisposeAsync() => Node.DisposeAsync();

    /// <summary>The commands for <paramref name="callId"/> once <paramref name="until"/> holds, or what there is after <paramref name="timeout"/>.</summary>
    public async Task<List<MediaCommand>> ForCallAsync(string callId, Func<List<MediaCommand>, bool> until, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await DrainAsync();
            List<MediaCommand> mine;
            lock (log)
            {
                mine = log.Where(c => c.CallId == callId).ToList();
            }

            if (until(mine) || DateTime.UtcNow > deadline)
            {
                return mine;
            }

            await Task.Delay(50);
        }
    }

    private async Task DrainAsync()
    {
        var queue = storage.Queues.GetQueueClient(Node.Address.CommandQueue);
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32)).Value;
            if (batch.Length == 0)
            {
                return;
            }

            foreach (var message in batch)
            {
                var command = MediaContract.DeserializeCommand(message.Body.ToString());
                lock (log)
                {
                    log.Add(command);
                }

                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }
}
