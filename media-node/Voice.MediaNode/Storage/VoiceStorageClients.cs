using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Voice.Media.Contracts;
using Voice.Media.Contracts.Nodes;

namespace Voice.MediaNode.Storage;

/// <summary>
/// The node's Azure Storage clients: its own command queue (<see cref="MediaNodeAddress.CommandQueue"/>), the
/// <c>media-events</c> queue (Base64 messages, as the functions write them), the <c>recordings</c> container and the
/// node registry. Built from the <c>VoiceStorage</c> connection string, or from
/// <c>VoiceStorage__queueServiceUri</c>/<c>__blobServiceUri</c>/<c>__tableServiceUri</c> with the managed identity
/// (<c>VoiceStorage__clientId</c> selects a user-assigned one).
/// </summary>
public sealed class VoiceStorageClients
{
    private VoiceStorageClients(QueueServiceClient queues, BlobServiceClient blobs, TableServiceClient tables, MediaNodeAddress node)
    {
        Queues = queues;
        Commands = queues.GetQueueClient(node.CommandQueue);
        CommandsPoison = queues.GetQueueClient(MediaQueues.CommandsPoison);
        Events = queues.GetQueueClient(MediaQueues.Events);
        Recordings = blobs.GetBlobContainerClient(MediaQueues.RecordingsContainer);
        Nodes = new MediaNodeRegistry(tables.GetTableClient(MediaQueues.NodesTable));
    }

    public QueueServiceClient Queues { get; }

    /// <summary>This node run's own command queue.</summary>
    public QueueClient Commands { get; }

    public QueueClient CommandsPoison { get; }

    public MediaNodeRegistry Nodes { get; }

    public QueueClient Events { get; }

    public BlobContainerClient Recordings { get; }

    /// <summary>
    /// Creates the clients from configuration. <paramref name="onUndecodableMessage"/> receives queue messages
    /// whose body is not Base64 (the SDK leaves them out of the received batch).
    /// </summary>
    /// <exception cref="InvalidOperationException">No usable VoiceStorage setting.</exception>
    public static VoiceStorageClients Create(
        IConfiguration configuration, MediaNodeAddress node, Func<QueueMessageDecodingFailedEventArgs, Task> onUndecodableMessage)
    {
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.MessageDecodingFailed += args => onUndecodableMessage(args);

        var connectionString = configuration["VoiceStorage"] ?? configuration.GetConnectionString("VoiceStorage");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new VoiceStorageClients(
                new QueueServiceClient(connectionString, queueOptions), new BlobServiceClient(connectionString), new TableServiceClient(connectionString), node);
        }

        var queueUri = configuration["VoiceStorage:queueServiceUri"];
        var blobUri = configuration["VoiceStorage:blobServiceUri"];
        var tableUri = configuration["VoiceStorage:tableServiceUri"];
        if (!System.Uri.TryCreate(queueUri, UriKind.Absolute, out var queues) || !System.Uri.TryCreate(blobUri, UriKind.Absolute, out var blobs)
            || !System.Uri.TryCreate(tableUri, UriKind.Absolute, out var tables))
        {
            throw new InvalidOperationException(
                "VoiceStorage is not configured: set the VoiceStorage connection string, or VoiceStorage__queueServiceUri, " +
                "VoiceStorage__blobServiceUri and VoiceStorage__tableServiceUri (absolute URIs, used with the managed identity).");
        }

        TokenCredential credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = configuration["VoiceStorage:clientId"],
        });
        return new VoiceStorageClients(
            new QueueServiceClient(queues, credential, queueOptions), new BlobServiceClient(blobs, credential), new TableServiceClient(tables, credential), node);
    }
}
