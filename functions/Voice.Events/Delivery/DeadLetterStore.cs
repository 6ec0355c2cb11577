using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;

namespace Voice.Events.Delivery;

/// <summary>
/// Writes undeliverable events as JSON blobs to the <c>deadletter</c> container, named
/// <c>{target}/{yyyy}/{MM}/{dd}/{HH}/{deliveryId}.json</c> and shaped after Event Grid's dead-letter records:
/// <c>deadLetterReason</c>, <c>deliveryAttempts</c>, <c>lastDeliveryOutcome</c>, <c>lastHttpStatusCode</c>,
/// <c>publishTime</c>, <c>lastDeliveryAttemptTime</c>, plus <c>deliveryId</c>, <c>endpoint</c>, <c>failoverEndpoint</c>
/// (when the last attempts went there), <c>subscription</c>
/// and the CloudEvent under <c>event</c>. Storage errors propagate (the delivery then stays pending).
/// </summary>
public sealed class DeadLetterStore(BlobServiceClient blobs)
{
    public const string ContainerName = "deadletter";

    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(ContainerName);
    private readonly StorageResourceCreation creation = new(ct => blobs.GetBlobContainerClient(ContainerName).CreateIfNotExistsAsync(cancellationToken: ct));

    /// <summary>Stores the record and returns the blob name.</summary>
    public async Task<string> WriteAsync(PendingDelivery delivery, string reason, CancellationToken cancellationToken)
    {
        await creation.EnsureAsync(cancellationToken);
        var at = delivery.LastAttemptAt ?? delivery.AcceptedAt;
        var name = $"{delivery.TargetName}/{at.UtcDateTime.ToString("yyyy/MM/dd/HH", CultureInfo.InvariantCulture)}/{delivery.DeliveryId}.json";
        var record = new JsonObject
        {
            ["deadLetterReason"] = reason,
            ["deliveryAttempts"] = delivery.Attempts,
            ["lastDeliveryOutcome"] = delivery.LastOutcome,
            ["lastHttpStatusCode"] = delivery.LastStatusCode,
            ["publishTime"] = delivery.AcceptedAt,
            ["lastDeliveryAttemptTime"] = delivery.LastAttemptAt,
            ["deliveryId"] = delivery.DeliveryId,
            ["endpoint"] = delivery.Endpoint,
            ["failoverEndpoint"] = delivery.OnFailover ? delivery.FailoverEndpoint : null,
            ["subscription"] = delivery.Kind == DeliveryKind.Subscription ? delivery.TargetName : null,
            ["event"] = JsonNode.Parse(delivery.EventJson),
        };
        await container.GetBlobClient(name).UploadAsync(
            BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(record)), overwrite: true, cancellationToken);
        return name;
    }
}
