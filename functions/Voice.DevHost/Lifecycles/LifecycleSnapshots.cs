using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Voice.Core.Lifecycles;
using Voice.Storage;

namespace Voice.DevHost.Lifecycles;

/// <summary>
/// Saves each lifecycle instance's state after every step in the <c>lifecycles</c> table (PartitionKey = kind,
/// RowKey = a hash of the instance id), as <see cref="LifecycleJson"/> split over string properties of at most
/// 30,000 characters (a Table string property holds 32K UTF-16 characters; an entity 1 MiB).
/// </summary>
public sealed class LifecycleSnapshots
{
    private const int ChunkChars = 30_000;
    private readonly TableClient table;

    public LifecycleSnapshots(StorageClients storage)
    {
        table = storage.Tables.GetTableClient(StorageNames.LifecyclesTable);
    }

    public async Task SaveAsync<TState>(string kind, string instanceId, TState state, bool finished, CancellationToken cancellationToken)
    {
        var json = LifecycleJson.Serialize(state);
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

    /// <summary>The last saved state, or default when none was saved.</summary>
    public async Task<TState?> LoadAsync<TState>(string kind, string instanceId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(kind, RowKey(instanceId), cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return default;
        }

        var json = new StringBuilder();
        for (var i = 0; i < (entity.GetInt32("Chunks") ?? 0); i++)
        {
            json.Append(entity.GetString("State" + i));
        }

        return LifecycleJson.Deserialize<TState>(json.ToString());
    }

    /// <summary>Instance ids may hold characters a RowKey cannot ('/', '#', '?'): use a hash.</summary>
    private static string RowKey(string instanceId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(instanceId)));
}
