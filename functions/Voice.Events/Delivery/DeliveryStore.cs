using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Voice.Events.Delivery;

/// <summary>
/// Pending deliveries in the Azure Table <c>webhookdeliveries</c>: one row per delivery, partition = hash of the
/// lane (target + subject), row key = zero-padded sequence + delivery id, so a partition lists a lane in order.
/// A row is written before a publish is acknowledged, updated after each failed attempt, and deleted once the
/// delivery succeeded or was dead-lettered. Storage errors propagate (the caller must not acknowledge).
/// </summary>
public sealed class DeliveryStore(TableServiceClient tables)
{
    public const string TableName = "webhookdeliveries";

    private readonly TableClient table = tables.GetTableClient(TableName);
    private readonly StorageResourceCreation creation = new(ct => tables.GetTableClient(TableName).CreateIfNotExistsAsync(ct));

    /// <summary>Persists a new delivery; false when it was already stored (a repeated publish).</summary>
    public async Task<bool> AddAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(ToEntity(delivery), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Records a failed attempt (attempt count, next attempt time, last outcome).</summary>
    public async Task UpdateAsync(PendingDelivery delivery, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(ToEntity(delivery), TableUpdateMode.Replace, cancellationToken);

    public async Task DeleteAsync(PendingDelivery delivery, CancellationToken cancellationToken) =>
        await table.DeleteEntityAsync(PartitionKeyOf(delivery), RowKeyOf(delivery), ETag.All, cancellationToken);

    /// <summary>Every pending delivery, lanes in order (used when the delivery service starts).</summary>
    public async IAsyncEnumerable<PendingDelivery> LoadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            if (FromEntity(entity) is { } delivery)
            {
                yield return delivery;
            }
        }
    }

    private Task EnsureCreatedAsync(CancellationToken cancellationToken) => creation.EnsureAsync(cancellationToken);

    private static string PartitionKeyOf(PendingDelivery delivery) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(delivery.Lane)).AsSpan(0, 16));

    private static string RowKeyOf(PendingDelivery delivery) =>
        delivery.Sequence.ToString("D20", CultureInfo.InvariantCulture) + "-" + delivery.DeliveryId;

    private static TableEntity ToEntity(PendingDelivery d) => new(PartitionKeyOf(d), RowKeyOf(d))
    {
        ["DeliveryId"] = d.DeliveryId,
        ["Kind"] = d.Kind.ToString(),
        ["TargetName"] = d.TargetName,
        ["Endpoint"] = d.Endpoint,
        ["FailoverEndpoint"] = d.FailoverEndpoint,
        ["OnFailover"] = d.OnFailover,
        ["AttemptTimeoutSeconds"] = d.AttemptTimeoutSeconds,
        ["AccountId"] = d.AccountId,
        ["Subject"] = d.Subject,
        ["Sequence"] = d.Sequence,
        ["EventId"] = d.EventId,
        ["EventType"] = d.EventType,
        ["Event"] = d.EventJson,
        ["AcceptedAt"] = d.AcceptedAt,
        ["Attempts"] = d.Attempts,
        ["NextAttemptAt"] = d.NextAttemptAt,
        ["LastStatusCode"] = d.LastStatusCode,
        ["LastOutcome"] = d.LastOutcome,
        ["LastAttemptAt"] = d.LastAttemptAt,
    };

    private static PendingDelivery? FromEntity(TableEntity e)
    {
        if (!Enum.TryParse<DeliveryKind>(e.GetString("Kind"), out var kind)
            || e.GetString("Event") is not { } eventJson
            || e.GetInt64("Sequence") is not { } sequence)
        {
            return null; // not a row this store wrote
        }

        return new PendingDelivery
        {
            DeliveryId = e.GetString("DeliveryId") ?? "",
            Kind = kind,
            TargetName = e.GetString("TargetName") ?? "",
            Endpoint = e.GetString("Endpoint") ?? "",
            FailoverEndpoint = e.GetString("FailoverEndpoint"),
            OnFailover = e.GetBoolean("OnFailover") ?? false,
            AttemptTimeoutSeconds = e.GetInt32("AttemptTimeoutSeconds"),
            AccountId = e.GetString("AccountId") ?? "",
            Subject = e.GetString("Subject") ?? "",
            Sequence = sequence,
            EventId = e.GetString("EventId") ?? "",
            EventType = e.GetString("EventType") ?? "",
            EventJson = eventJson,
            AcceptedAt = e.GetDateTimeOffset("AcceptedAt") ?? DateTimeOffset.UnixEpoch,
            Attempts = e.GetInt32("Attempts") ?? 0,
            NextAttemptAt = e.GetDateTimeOffset("NextAttemptAt") ?? DateTimeOffset.UnixEpoch,
            LastStatusCode = e.GetInt32("LastStatusCode"),
            LastOutcome = e.GetString("LastOutcome"),
            LastAttemptAt = e.GetDateTimeOffset("LastAttemptAt"),
        };
    }
}
