using Azure;
using Voice.Media.Contracts;
using Voice.MediaNode.Nodes;

namespace Voice.MediaNode.Storage;

/// <summary>
/// Creates this run's command queue, the events queue, the recordings container and the registry table at start when
/// missing, and deletes the command queues of this node's earlier runs: the commands in them were for calls that ended
/// with those runs. Lack of permission to create is logged, not fatal: in Azure the Bicep templates create the shared
/// ones (the node's identity needs queue contributor rights for its own queue).
/// </summary>
public sealed class StorageProvisioning(VoiceStorageClients storage, NodeIdentity identity, ILogger<StorageProvisioning> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await storage.Commands.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await storage.Events.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await storage.CommandsPoison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await storage.Recordings.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await storage.Nodes.Table.CreateIfNotExistsAsync(cancellationToken);
            await DeleteEarlierRunsQueuesAsync(cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 403)
        {
            logger.LogWarning("Not allowed to create the media queues/container ({Code}); assuming they exist", e.ErrorCode);
        }
    }

    private async Task DeleteEarlierRunsQueuesAsync(CancellationToken cancellationToken)
    {
        var prefix = $"{MediaQueues.NodeCommandsPrefix}{identity.Address.NodeId}-";
        await foreach (var queue in storage.Queues.GetQueuesAsync(prefix: prefix, cancellationToken: cancellationToken))
        {
            // Only this id's runs: "node-1-" must not take "node-1-b-…" (ids may contain dashes; incarnations do not).
            if (queue.Name != storage.Commands.Name && !queue.Name[prefix.Length..].Contains('-', StringComparison.Ordinal))
            {
                logger.LogInformation("Deleting {Queue}, the command queue of an earlier run of this node", queue.Name);
                await storage.Queues.DeleteQueueAsync(queue.Name, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
