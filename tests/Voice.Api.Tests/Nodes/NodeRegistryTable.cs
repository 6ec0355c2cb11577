using Voice.Media.Contracts.Nodes;
using Voice.Storage;

namespace Voice.Api.Tests.Nodes;

/// <summary>A registry on a table of its own, so a test sees only the nodes it wrote.</summary>
internal static class NodeRegistryTable
{
    public static async Task<MediaNodeRegistry> CreateAsync(StorageClients storage)
    {
        var table = storage.Tables.GetTableClient("nodes" + Guid.NewGuid().ToString("N"));
        await table.CreateAsync();
        return new MediaNodeRegistry(table);
    }

    /// <summary>Writes a node row as its heartbeat would.</summary>
    public static async Task<MediaNodeAddress> AddAsync(
        this MediaNodeRegistry registry, string nodeId, DateTimeOffset heartbeatAt, int capacity = 10, int active = 0, MediaNodeState state = MediaNodeState.Active)
    {
        var address = MediaNodeAddress.Start(nodeId);
        Assert.True(await registry.TryWriteAsync(new MediaNodeRecord
        {
            NodeId = nodeId,
            Incarnation = address.Incarnation,
            State = state,
            Capacity = capacity,
            ActiveCalls = active,
            HeartbeatAt = heartbeatAt,
            StartedAt = heartbeatAt,
        }));
        return address;
    }
}
