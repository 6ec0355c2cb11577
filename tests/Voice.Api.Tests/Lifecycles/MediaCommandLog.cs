using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.Api.Tests.Lifecycles;

/// <summary>
/// Plays the media-node's reading side of the queue contract: drains the real <c>media-commands</c> queue into a
/// log (lifecycles queue commands asynchronously, and for every test's calls) and answers per-call queries.
/// </summary>
internal sealed class MediaCommandLog(StorageClients storage)
{
    private readonly List<MediaCommand> log = [];

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
        var queue = storage.Queues.GetQueueClient(MediaQueues.Commands);
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
