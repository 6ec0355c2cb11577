using Azure.Data.Tables;
using Voice.Core.Accounts;
using Voice.Media.Contracts;

namespace Voice.Storage;

/// <summary>
/// The audit log in the <c>auditlog</c> table: PartitionKey = account, RowKey = sortable entry id (newest first).
/// Entries are only ever added.
/// </summary>
public sealed class AuditLogRepository
{
    public const string EntryPrefix = "AU";
    private readonly TableClient table;

    public AuditLogRepository(StorageClients storage)
    {
        table = storage.Tables.GetTableClient(StorageNames.AuditLogTable);
    }

    public async Task<AuditEntry> AddAsync(
        string accountId, string actor, string action, string target, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var entry = new AuditEntry { AccountId = accountId, Id = SortableIds.New(EntryPrefix, now), Actor = actor, Action = action, Target = target, At = now };
        await table.AddEntityAsync(
            new TableEntity(accountId, entry.Id) { ["Actor"] = actor, ["Action"] = action, ["Target"] = target, ["At"] = now },
            cancellationToken);
        return entry;
    }

    /// <summary>The account's newest entries first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string accountId, int limit = 100, CancellationToken cancellationToken = default)
    {
        var list = new List<AuditEntry>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == accountId, cancellationToken: cancellationToken))
        {
            list.Add(new AuditEntry
            {
                AccountId = e.PartitionKey,
                Id = e.RowKey,
                Actor = e.RequiredString("Actor"),
                Action = e.RequiredString("Action"),
                Target = e.RequiredString("Target"),
                At = e.OptionalTime("At") ?? DateTimeOffset.MinValue,
            });
            if (list.Count >= limit)
            {
                break;
            }
        }

        return list;
    }
}
