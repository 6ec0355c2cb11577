using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Voice.Storage;

/// <summary>
/// The Azure Storage clients for the product's data, built from the <c>VoiceStorage</c> connection: either a
/// connection string (Azurite, local development) or, as the Functions identity-based convention has it,
/// <c>VoiceStorage__tableServiceUri</c> / <c>__queueServiceUri</c> / <c>__blobServiceUri</c> with a managed identity.
/// Queue messages are base64-encoded, as the Functions queue trigger expects by default.
/// </summary>
public sealed class StorageClients
{
    public const string ConnectionName = "VoiceStorage";

    public StorageClients(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs)
    {
        Tables = tables;
        Queues = queues;
        Blobs = blobs;
    }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public BlobServiceClient Blobs { get; }

    /// <summary>Clients for one connection string (all three services).</summary>
    public static StorageClients FromConnectionString(string connectionString) => new(
        new TableServiceClient(connectionString),
        new QueueServiceClient(connectionString, QueueOptions()),
        new BlobServiceClient(connectionString));

    /// <summary>
    /// Reads the <c>VoiceStorage</c> connection from configuration.
    /// Throws <see cref="InvalidOperationException"/> naming the missing setting when neither form is present.
    /// </summary>
    public static StorageClients FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString);
        }

        var section = configuration.GetSection(ConnectionName);
        var table = section["tableServiceUri"];
        var queue = section["queueServiceUri"];
        var blob = section["blobServiceUri"];
        if (string.IsNullOrWhiteSpace(table) || string.IsNullOrWhiteSpace(queue) || string.IsNullOrWhiteSpace(blob))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{ConnectionName}' to a connection string, or " +
                $"'{ConnectionName}__tableServiceUri', '{ConnectionName}__queueServiceUri' and '{ConnectionName}__blobServiceUri'.");
        }

        var clientId = section["clientId"];
        TokenCredential credential = string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return new StorageClients(
            new TableServiceClient(new Uri(table), credential),
            new QueueServiceClient(new Uri(queue), credential, QueueOptions()),
            new BlobServiceClient(new Uri(blob), credential));
    }

    private static QueueClientOptions QueueOptions() => new() { MessageEncoding = QueueMessageEncoding.Base64 };
}
