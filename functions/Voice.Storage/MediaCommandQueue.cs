using Voice.Media.Contracts;
using Voice.Media.Contracts.Nodes;

namespace Voice.Storage;

/// <summary>Sends commands to a media-node run over its own queue (<see cref="MediaNodeAddress.CommandQueue"/>).</summary>
public sealed class MediaCommandQueue(StorageClients storage)
{
    /// <summary>
    /// Enqueues <paramref name="command"/> for <paramref name="node"/>. A node's queue exists while the run lives: when the
    /// run has ended its queue is gone and the command has nobody to run it, which is what the caller is told.
    /// </summary>
    /// <exception cref="MediaNodeGoneException">No node, or its run has ended.</exception>
    public async Task SendAsync(MediaNodeAddress? node, MediaCommand command, CancellationToken cancellationToken = default)
    {
        if (node is null)
        {
            throw new MediaNodeGoneException($"call {command.CallId} has no media node; {command.GetType().Name} {command.Id} cannot be sent");
        }

        try
        {
            await storage.Queues.GetQueueClient(node.CommandQueue).SendMessageAsync(MediaContract.Serialize(command), cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            throw new MediaNodeGoneException($"media node {node} has gone (its queue {node.CommandQueue} does not exist); {command.GetType().Name} {command.Id} not sent", e);
        }
    }
}
