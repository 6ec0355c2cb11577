using Azure;

namespace Voice.MediaNode.Storage;

/// <summary>
/// Creates the queues and the recordings container at start when missing (Azurite, first deployment). Lack
/// of permission to create is logged, not fatal: in Azure the Bicep templates create them.
/// </summary>
public sealed class StorageProvisioning(VoiceStorageClients storage, ILogger<StorageProvisioning> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await storage.Commands.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await storage.Events.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await storage.Recordings.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 403)
        {
            logger.LogWarning("Not allowed to create the media queues/container ({Code}); assuming they exist", e.ErrorCode);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
