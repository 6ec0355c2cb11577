using Microsoft.Extensions.Options;
using Voice.Media.Contracts.Nodes;
using Voice.MediaNode.Calls;
using Voice.MediaNode.Configuration;
using Voice.MediaNode.Storage;

namespace Voice.MediaNode.Nodes;

/// <summary>
/// Writes this node's row in the registry every <c>MediaNode__Node__HeartbeatSeconds</c>: address, capacity, load.
/// The row's state is the platform's: a drain set by an operator is kept and obeyed (no new calls); a node that finds
/// itself declared lost — its calls were already ended by the platform — ends them here too and comes back active. A
/// new incarnation always registers active. On stop the row says draining, so placement leaves the node at once.
/// </summary>
public sealed class NodeHeartbeat(
    VoiceStorageClients storage,
    NodeIdentity identity,
    CallRegistry calls,
    IOptions<MediaNodeOptions> options,
    TimeProvider time,
    ILogger<NodeHeartbeat> logger) : BackgroundService
{
    /// <summary>Hangup cause of calls ended because the platform declared their node lost.</summary>
    public const string NodeLostCause = "media_node_lost";

    private readonly DateTimeOffset startedAt = time.GetUtcNow();

    /// <summary>The first heartbeat before the host reports started (and /healthz answers): placement sees the node at once.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await BeatAsync(stopping: false, cancellationToken);
        logger.LogInformation("Node {Node} registered, commands on {Queue}, capacity {Capacity}", identity.Address, identity.Address.CommandQueue, identity.Capacity);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.Node.HeartbeatSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await BeatAsync(stopping: false, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Heartbeat to {Table} failed; retrying", storage.Nodes.Table.Name);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        identity.Draining = true;
        try
        {
            await BeatAsync(stopping: true, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not tell the registry this node stops");
        }
    }

    /// <summary>One heartbeat: read the row, merge the platform's state, write it back (again on a concurrent change).</summary>
    public async Task BeatAsync(bool stopping, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var row = await storage.Nodes.GetAsync(identity.Address.NodeId, cancellationToken);
            var mine = row?.Incarnation == identity.Address.Incarnation;
            var state = stopping ? MediaNodeState.Draining : mine ? row!.State : MediaNodeState.Active;
            if (state == MediaNodeState.Lost)
            {
                await EndOrphanedCallsAsync(cancellationToken);
                state = MediaNodeState.Active;
            }

            identity.Draining = state == MediaNodeState.Draining;
            var beat = new MediaNodeRecord
            {
                NodeId = identity.Address.NodeId,
                Incarnation = identity.Address.Incarnation,
                SweptIncarnation = row?.SweptIncarnation,
                State = state,
                SipAddress = identity.SipAddress,
                RtpPorts = identity.RtpPorts,
                Capacity = identity.Capacity,
                ActiveCalls = calls.ActiveCalls,
                HeartbeatAt = time.GetUtcNow(),
                StartedAt = startedAt,
                ETag = row?.ETag,
            };
            if (await storage.Nodes.TryWriteAsync(beat, cancellationToken))
            {
                return;
            }
        }

        logger.LogWarning("Heartbeat lost three races for row {Node}; next beat tries again", identity.Address.NodeId);
    }

    private async Task EndOrphanedCallsAsync(CancellationToken cancellationToken)
    {
        logger.LogError(
            "The registry declared node {Node} lost while it ran (heartbeats missed): ending its {Count} calls, which the platform has already failed",
            identity.Address, calls.ActiveCalls);
        await calls.EndAllAsync(NodeLostCause, cancellationToken);
    }
}
