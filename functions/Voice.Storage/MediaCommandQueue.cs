using Azure.Storage.Queues;
using Voice.Media.Contracts;

namespace Voice.Storage;

/// <summary>Sends commands to the media-node over the <c>media-commands</c> queue.</summary>
public sealed class MediaCommandQueue
{
    private readonly QueueClient queue;

    public MediaCommandQueue(StorageClients storage)
    {
        queue = storage.Queues.GetQueueClient(MediaQueues.Commands);
    }

    public async Task SendAsync(MediaCommand command, CancellationToken cancellationToken = default) =>
        await queue.SendMessageAsync(MediaContract.Serialize(command), cancellationToken);
}
