using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Voice.Media.Contracts;

namespace Voice.MediaNode.Storage;

/// <summary>
/// The node's Azure Storage clients: the <c>media-commands</c> and <c>media-events</c> queues (Base64 messages,
/// as the functions write them) and the <c>recordings</c> container. Built from the <c>VoiceStorage</c>
/// connection string, or from <c>VoiceStorage__queueServiceUri</c>/<c>__blobServiceUri</c> with the managed
/// identity (<c>VoiceStorage__clientId</c> selects a user-assigned one).
/// </summary>
public sealed class VoiceStorageClients
{
    private VoiceStorageClients(QueueServiceClient queues, BlobServiceClient blobs)
    {
        Commands = queues.GetQueueClient(MediaQueues.Commands);
        Events = queues.GetQueueClient(MediaQueues.Events);
        Recordings = blobs.GetBlobContainerClient(MediaQueues.RecordingsContainer);
    }

    public QueueClient Commands { get; }

    public QueueClient Events { get; }

    public BlobContainerClient Recordings { get; }

    /// <summary>
    /// Creates the clients from configuration. <paramref name="onUndecodableMessage"/> receives queue messages
    /// whose body is not Base64 (the SDK leaves them out of the received batch).
    /// </summary>
    /// <exception cref="InvalidOperationException">No usable VoiceStorage setting.</exception>
    public static VoiceStorageClients Create(IConfiguration configuration, Func<QueueMessageDecodingFailedEventArgs, Task> onUndecodableMessage)
    {
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.MessageDecodingFailed += args => onUndecodableMessage(args);

        var connectionString = configuration["VoiceStorage"] ?? configuration.GetConnectionString("VoiceStorage");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new VoiceStorageClients(new QueueServiceClient(connectionString, queueOptions), new BlobServiceClient(connectionString));
        }

        var queueUri = configuration["VoiceStorage:queueServiceUri"];
        var blobUri = configuration["VoiceStorage:blobServiceUri"];
        if (!System.Uri.TryCreate(queueUri, UriKind.Absolute, out var queues) || !System.Uri.TryCreate(blobUri, UriKind.Absolute, out var blobs))
        {
            throw new InvalidOperationException(
                "VoiceStorage is not configured: set the VoiceStorage connection string, or both VoiceStorage__queueServiceUri " +
                "and VoiceStorage__blobServiceUri (absolute URIs, used with the managed identity).");
        }

        TokenCredential credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = configuration["VoiceStorage:clientId"],
        });
        return new VoiceStorageClients(new QueueServiceClient(queues, credential, queueOptions), new BlobServiceClient(blobs, credential));
    }
}
