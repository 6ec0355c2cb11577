using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Voice.Core.Lifecycles;
using Voice.Storage;

namespace Voice.DevHost.Lifecycles;

/// <summary>
/// Saves each lifecycle instance after every step in the <c>lifecycles</c> table (PartitionKey = kind, RowKey = a
/// hash of the instance id): the loop state and the step's effects, as <see cref="LifecycleJson"/> split over string
/// properties of at most 30,000 characters (a Table string property holds 32K UTF-16 characters; an entity 1 MiB).
/// The effects are kept so that a restarted DevHost runs them again (at least once, as Durable does).
/// </summary>
public sealed class LifecycleSnapshots
{
    private const int ChunkChars = 30_000;
    private readonly TableClient table;

    public LifecycleSnapshots(StorageClients storage)
    {
        table = storage.Tables.GetTableClient(StorageNames.LifecyclesTable);
    }

    public async Task SaveAsync<TLoop>(string kind, string instanceId, LifecycleSnapshot<TLoop> snapshot, bool finished, CancellationToken cancellationToken)
    {
        var json = LifecycleJson.Serialize(snapshot);
        var entity = new TableEntity(kind, RowKey(instanceId))
        {
            ["InstanceId"] = instanceId,
            ["Finished"] = finished,
            ["Chunks"] = (json.Length + ChunkChars - 1) / ChunkChars,
        };
        for (var i = 0; i * ChunkChars < json.Length; i++)
        {
            entity["State" + i] = json.Substring(i * ChunkChars, Math.Min(ChunkChars, json.Length - (i * ChunkChars)));
        }

        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The last saved snapshot, or null when none was saved.</summary>
    public async Task<LifecycleSnapshot<TLoop>?> LoadAsync<TLoop>(string kind, string instanceId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(kind, RowKey(instanceId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? Read<TLoop>(entity) : null;
    }

    /// <summary>
    /// Every instance of <paramref name="kind"/> whose lifecycle had not finished when it was last saved. A snapshot
    /// that no longer reads (written by an older DevHost) is reported through <paramref name="unreadable"/> and skipped.
    /// </summary>
    public async IAsyncEnumerable<(string InstanceId, LifecycleSnapshot<TLoop> Snapshot)> UnfinishedAsync<TLoop>(
        string kind, Action<string, Exception> unreadable, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {kind} and Finished eq {false}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var instanceId = entity.GetString("InstanceId") ?? entity.RowKey;
            LifecycleSnapshot<TLoop> snapshot;
            try
            {
                snapshot = Read<TLoop>(entity);
            }
            catch (JsonException e)
            {
                unreadable(instanceId, e);
                continue;
            }

            yield return (instanceId, snapshot);
        }
    }

    private static LifecycleSnapshot<TLoop> Read<TLoop>(TableEntity entity)
    {
        var json = new StringBuilder();
        for (var i = 0; i < (entity.GetInt32("Chunks") ?? 0); i++)
        {
            json.Append(entity.GetString("State" + i));
        }

        return LifecycleJson.Deserialize<LifecycleSnapshot<TLoop>>(json.ToString());
    }

    /// <summary>Instance ids may hold characters a RowKey cannot ('/', '#', '?'): use a hash.</summary>
    private static string RowKey(string instanceId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(instanceId)));
}

/// <summary>A lifecycle as saved after a step: its loop state and the effects that step asked for.</summary>
public sealed record LifecycleSnapshot<TLoop>(TLoop Loop, IReadOnlyList<LifecycleEffect> Effects);
