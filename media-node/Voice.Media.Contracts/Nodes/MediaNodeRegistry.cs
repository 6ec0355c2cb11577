using Azure;
using Azure.Data.Tables;

namespace Voice.Media.Contracts.Nodes;

/// <summary>
/// The <c>medianodes</c> table: one row per node (PartitionKey <c>nodes</c>, RowKey the node id), written by the node's
/// heartbeats and read by placement and the lost-node sweep. Every update is conditional on the row's ETag, so a
/// heartbeat never overwrites an operator's drain or the sweep's verdict it has not seen.
/// </summary>
public sealed class MediaNodeRegistry(TableClient table)
{
    private const string Partition = "nodes";

    public TableClient Table => table;

    public async Task<IReadOnlyList<MediaNodeRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var nodes = new List<MediaNodeRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            if (FromEntity(entity) is { } node)
            {
                nodes.Add(node);
            }
        }

        return nodes;
    }

    public async Task<MediaNodeRecord?> GetAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        if (!MediaNodeAddress.IsValidNodeId(nodeId))
        {
            return null;
        }

        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, nodeId, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>Adds <paramref name="node"/> (no ETag) or replaces the row it was read from; false when someone else changed it first.</summary>
    public async Task<bool> TryWriteAsync(MediaNodeRecord node, CancellationToken cancellationToken = default)
    {
        try
        {
            if (node.ETag is null)
            {
                await table.AddEntityAsync(ToEntity(node), cancellationToken);
            }
            else
            {
                await table.UpdateEntityAsync(ToEntity(node), new ETag(node.ETag), TableUpdateMode.Replace, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Sets <paramref name="nodeId"/>'s state (an operator's drain or undrain), retrying on concurrent heartbeats;
    /// null when no such node.
    /// </summary>
    public async Task<MediaNodeRecord?> SetStateAsync(string nodeId, MediaNodeState state, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var node = await GetAsync(nodeId, cancellationToken);
            if (node is null)
            {
                return null;
            }

            var changed = node with { State = state };
            if (await TryWriteAsync(changed, cancellationToken))
            {
                return changed;
            }
        }
    }

    private static TableEntity ToEntity(MediaNodeRecord node) => new(Partition, node.NodeId)
    {
        ["Incarnation"] = node.Incarnation,
        ["SweptIncarnation"] = node.SweptIncarnation,
        ["State"] = node.State.ToString(),
        ["SipAddress"] = node.SipAddress,
        ["RtpPorts"] = node.RtpPorts,
        ["Capacity"] = node.Capacity,
        ["ActiveCalls"] = node.ActiveCalls,
        ["HeartbeatAt"] = node.HeartbeatAt,
        ["StartedAt"] = node.StartedAt,
    };

    // A row that does not parse (hand-edited, from a newer version) is left out rather than failing every reader.
    private static MediaNodeRecord? FromEntity(TableEntity entity)
    {
        if (!MediaNodeAddress.IsValidNodeId(entity.RowKey)
            || entity.GetString("Incarnation") is not { } incarnation
            || !Enum.TryParse<MediaNodeState>(entity.GetString("State"), out var state)
            || entity.GetDateTimeOffset("HeartbeatAt") is not { } heartbeatAt)
        {
            return null;
        }

        return new MediaNodeRecord
        {
            NodeId = entity.RowKey,
            Incarnation = incarnation,
            SweptIncarnation = entity.GetString("SweptIncarnation"),
            State = state,
            SipAddress = entity.GetString("SipAddress"),
            RtpPorts = entity.GetString("RtpPorts"),
            Capacity = entity.GetInt32("Capacity") ?? 0,
            ActiveCalls = entity.GetInt32("ActiveCalls") ?? 0,
            HeartbeatAt = heartbeatAt,
            StartedAt = entity.GetDateTimeOffset("StartedAt") ?? heartbeatAt,
            ETag = entity.ETag.ToString(),
        };
    }
}
