using Azure;
using Azure.Data.Tables;

namespace Voice.Storage;

/// <summary>
/// A table of records partitioned by account (PartitionKey = account id, RowKey = record id). Reads never
/// cross partitions, so one account can never see another's rows. Updates use ETag optimistic concurrency.
/// </summary>
public sealed class AccountScopedTable<T>
    where T : class
{
    private const int MaxConflictRetries = 10;
    private readonly TableClient table;
    private readonly Func<T, TableEntity> toEntity;
    private readonly Func<TableEntity, T> fromEntity;

    public AccountScopedTable(TableClient table, Func<T, TableEntity> toEntity, Func<TableEntity, T> fromEntity)
    {
        this.table = table;
        this.toEntity = toEntity;
        this.fromEntity = fromEntity;
    }

    /// <summary>The underlying table (deletes, which need no mapping).</summary>
    public TableClient Client => table;

    /// <summary>Adds a new record; throws <see cref="RequestFailedException"/> (409) if the id exists.</summary>
    public async Task InsertAsync(T record, CancellationToken cancellationToken = default) =>
        await table.AddEntityAsync(toEntity(record), cancellationToken);

    /// <summary>
    /// Writes the record whatever is stored (the lifecycle's saves). Merge mode: properties the record leaves
    /// unset (null) keep their stored values, so a concurrent API write of another field is not erased.
    /// </summary>
    public async Task UpsertAsync(T record, CancellationToken cancellationToken = default) =>
        await table.UpsertEntityAsync(toEntity(record), TableUpdateMode.Merge, cancellationToken);

    /// <summary>The record, or null when this account has no record with that id.</summary>
    public async Task<Stored<T>?> GetAsync(string accountId, string id, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(accountId, id, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? new Stored<T>(fromEntity(entity), entity.ETag) : null;
    }

    /// <summary>Replaces the record if it is unchanged since <paramref name="etag"/>; false on a conflict.</summary>
    public async Task<bool> TryReplaceAsync(T record, ETag etag, CancellationToken cancellationToken = default)
    {
        try
        {
            await table.UpdateEntityAsync(toEntity(record), etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Read-modify-write with ETag retries: <paramref name="change"/> returns the new record, or null to leave
    /// it as it is. Returns the record as finally stored, or null when it does not exist.
    /// </summary>
    public async Task<T?> MutateAsync(string accountId, string id, Func<T, T?> change, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var stored = await GetAsync(accountId, id, cancellationToken);
            if (stored is null)
            {
                return null;
            }

            var changed = change(stored.Value);
            if (changed is null)
            {
                return stored.Value;
            }

            if (await TryReplaceAsync(changed, stored.ETag, cancellationToken))
            {
                return changed;
            }
        }

        throw new InvalidOperationException($"{table.Name} {accountId}/{id}: too many concurrent updates");
    }

    /// <summary>A page of one account's records, newest first, optionally filtered by property equality.</summary>
    public Task<Page<T>> ListAsync(
        string accountId, IReadOnlyDictionary<string, string> equals, int page, int pageSize, CancellationToken cancellationToken = default) =>
        TableQueries.PageAsync(table, accountId, equals, page, pageSize, fromEntity, cancellationToken);
}
