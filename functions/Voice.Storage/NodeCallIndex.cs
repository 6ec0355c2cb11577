using Azure;
using Azure.Data.Tables;
using Voice.Media.Contracts.Nodes;

namespace Voice.Storage;

/// <summary>
/// The <c>nodecalls</c> table: one row per live call per node (PartitionKey node id, RowKey call id, with the call's
/// account and the node run it was placed on), so a lost node's calls are found without scanning every account's calls.
/// Written while a call is live, deleted when it ends (both idempotent).
/// </summary>
public sealed class NodeCallIndex(StorageClients storage)
{
    private readonly TableClient table = storage.Tables.GetTableClient(StorageNames.NodeCallsTable);

    public async Task AddAsync(MediaNodeAddress node, string accountId, string callId, CancellationToken cancellationToken = default) =>
        await table.UpsertEntityAsync(
            new TableEntity(node.NodeId, callId) { ["AccountId"] = accountId, ["Incarnation"] = node.Incarnation },
            TableUpdateMode.Replace,
            cancellationToken);

    public async Task RemoveAsync(MediaNodeAddress node, string callId, CancellationToken cancellationToken = default)
    {
        try
        {
            await table.DeleteEntityAsync(node.NodeId, callId, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    /// <summary>The live calls indexed under <paramref name="nodeId"/>; with <paramref name="exceptIncarnation"/>, those of its other runs only.</summary>
    public async Task<IReadOnlyList<NodeCall>> ListAsync(string nodeId, string? exceptIncarnation = null, CancellationToken cancellationToken = default)
    {
        var found = new List<NodeCall>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == nodeId, cancellationToken: cancellationToken))
        {
            var incarnation = row.GetString("Incarnation") ?? "";
            if (incarnation != exceptIncarnation && row.GetString("AccountId") is { } accountId)
            {
                found.Add(new NodeCall(new MediaNodeAddress(nodeId, incarnation), accountId, row.RowKey));
            }
        }

        return found;
    }
}

/// <summary>A live call as <see cref="NodeCallIndex"/> holds it.</summary>
public sealed record NodeCall(MediaNodeAddress Node, string AccountId, string CallId);
