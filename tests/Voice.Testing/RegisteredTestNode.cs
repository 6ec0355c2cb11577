using Azure.Data.Tables;
using Azure.Storage.Queues;
using Voice.Media.Contracts;
using Voice.Media.Contracts.Nodes;

namespace Voice.Testing;

/// <summary>
/// A media node that exists only in the registry, for tests that play the node's side of the queues themselves: its
/// row heartbeats every second until disposed (so placement puts calls on it and the lost-node sweep leaves it alone),
/// and its command queue exists. Read the commands from the queue its <see cref="Address"/> names.
/// </summary>
public sealed class RegisteredTestNode : IAsyncDisposable
{
    private readonly MediaNodeRegistry registry;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task beating;

    private RegisteredTestNode(MediaNodeRegistry registry, MediaNodeAddress address, int capacity)
    {
        this.registry = registry;
        Address = address;
        Capacity = capacity;
        beating = BeatUntilStoppedAsync();
    }

    public MediaNodeAddress Address { get; }

    public int Capacity { get; }

    /// <summary>Registers <paramref name="nodeId"/> (a fresh incarnation) with <paramref name="capacity"/> and creates its queue.</summary>
    public static async Task<RegisteredTestNode> StartAsync(TableServiceClient tables, QueueServiceClient queues, string nodeId = "test-node", int capacity = 1000)
    {
        var table = tables.GetTableClient(MediaQueues.NodesTable);
        await table.CreateIfNotExistsAsync();
        var registry = new MediaNodeRegistry(table);
        var address = MediaNodeAddress.Start(nodeId);
        await queues.GetQueueClient(address.CommandQueue).CreateIfNotExistsAsync();
        var node = new RegisteredTestNode(registry, address, capacity);
        await node.BeatAsync(CancellationToken.None);
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await beating;
        stopping.Dispose();
    }

    private async Task BeatUntilStoppedAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stopping.Token);
                await BeatAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Azure.RequestFailedException)
            {
                // Azurite going away at the end of a test: the next beat, if any, tries again.
            }
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        var row = await registry.GetAsync(Address.NodeId, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        await registry.TryWriteAsync(
            new MediaNodeRecord
            {
                NodeId = Address.NodeId,
                Incarnation = Address.Incarnation,
                SweptIncarnation = row?.SweptIncarnation,
                State = row?.Incarnation == Address.Incarnation && row.State == MediaNodeState.Draining ? MediaNodeState.Draining : MediaNodeState.Active,
                SipAddress = "127.0.0.1:5060",
                RtpPorts = "20000-20999",
                Capacity = Capacity,
                ActiveCalls = 0,
                HeartbeatAt = now,
                StartedAt = row?.StartedAt ?? now,
                ETag = row?.ETag,
            },
            cancellationToken);
    }
}
