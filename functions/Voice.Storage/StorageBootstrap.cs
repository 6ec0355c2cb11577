using Voice.Media.Contracts;

namespace Voice.Storage;

/// <summary>Creates every table, queue and container the product uses; safe to run at every start.</summary>
public static class StorageBootstrap
{
    /// <summary>The queues the product reads and writes (the Functions queue triggers read some of them).</summary>
    public static IReadOnlyList<string> Queues { get; } = [MediaQueues.Events, MediaQueues.CommandsPoison, StorageNames.WebhookEventsQueue];

    public static async Task EnsureCreatedAsync(StorageClients storage, CancellationToken cancellationToken = default)
    {
        foreach (var table in new[]
        {
            StorageNames.CallsTable, StorageNames.ConferencesTable, StorageNames.PhoneNumbersTable,
            StorageNames.NumberRoutesTable, StorageNames.ApiKeysTable, StorageNames.AccountsTable, StorageNames.RecordingsTable,
            StorageNames.AccountKeysTable, StorageNames.ApplicationsTable, StorageNames.AuditLogTable, StorageNames.SipAddressesTable, StorageNames.QueuesTable,
            StorageNames.TranscriptsTable, StorageNames.NodeCallsTable, StorageNames.AnalyticsTable, StorageNames.RateLimitsTable, MediaQueues.NodesTable,
        })
        {
            await storage.Tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }

        foreach (var queue in Queues)
        {
            await storage.Queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var container in new[] { MediaQueues.RecordingsContainer, StorageNames.DeadLetterContainer })
        {
            await storage.Blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
