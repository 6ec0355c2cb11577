using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voice.Core.Calls;
using Voice.Core.Lifecycles;
using Voice.Engine.Lifecycles;
using Voice.Media.Contracts.Nodes;
using Voice.Storage;

namespace Voice.Engine.Nodes;

/// <summary>
/// Finds media nodes that have gone and ends their calls. A node whose heartbeat is older than
/// <see cref="MediaNodeFleetOptions.LostAfter"/> is declared lost (a conditional write, so of several instances
/// sweeping at once one wins, and a heartbeat that lands first keeps the node alive); every live call indexed under a
/// lost node is told <see cref="MediaNodeLost"/> — on each sweep until the call's end takes it out of the index — and so
/// ends <c>failed</c> with reason <c>media_node_lost</c>, its webhooks and its conference departure as any end. A node
/// that restarted (a new incarnation heartbeats) gets the same for the calls of its earlier runs, once. Safe to run
/// from any number of instances: every step is idempotent.
/// </summary>
public sealed class MediaNodeSweep(
    MediaNodeRegistry registry,
    NodeCallIndex index,
    CallRepository calls,
    ILifecycleHost lifecycles,
    IOptions<MediaNodeFleetOptions> options,
    TimeProvider clock,
    ILogger<MediaNodeSweep> logger)
{
    /// <summary>One pass; returns the calls told their node is lost.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var told = 0;
        foreach (var listed in await registry.ListAsync(cancellationToken))
        {
            var node = listed;
            if (node.State != MediaNodeState.Lost && !node.IsFresh(clock.GetUtcNow(), options.Value.LostAfter))
            {
                var lost = node with { State = MediaNodeState.Lost };
                if (!await registry.TryWriteAsync(lost, cancellationToken))
                {
                    continue;
                }

                logger.LogError(
                    "Media node {Node} is lost: no heartbeat since {HeartbeatAt:O} (window {Window}); ending its calls",
                    node.Address, node.HeartbeatAt, options.Value.LostAfter);
                node = lost;
            }

            if (node.State == MediaNodeState.Lost)
            {
                told += await EndCallsAsync(await index.ListAsync(node.NodeId, cancellationToken: cancellationToken), cancellationToken);
            }
            else if (node.SweptIncarnation != node.Incarnation)
            {
                var earlier = await index.ListAsync(node.NodeId, exceptIncarnation: node.Incarnation, cancellationToken);
                if (earlier.Count > 0)
                {
                    logger.LogWarning("Media node {NodeId} restarted ({Incarnation}): ending {Count} calls of its earlier runs", node.NodeId, node.Incarnation, earlier.Count);
                }

                told += await EndCallsAsync(earlier, cancellationToken);

                // Lost to a heartbeat's write: the next sweep does this again, which repeats nothing that matters.
                await registry.TryWriteAsync(node with { SweptIncarnation = node.Incarnation }, cancellationToken);
            }
        }

        return told;
    }

    private async Task<int> EndCallsAsync(IReadOnlyList<NodeCall> nodeCalls, CancellationToken cancellationToken)
    {
        var told = 0;
        foreach (var nodeCall in nodeCalls)
        {
            var call = await calls.FindAsync(nodeCall.AccountId, nodeCall.CallId, cancellationToken);
            if (call is null || call.Status.IsTerminal())
            {
                // Ended already (its own removal failed, or raced this sweep): nothing to end.
                await index.RemoveAsync(nodeCall.Node, nodeCall.CallId, cancellationToken);
                continue;
            }

            await lifecycles.SignalCallAsync(nodeCall.CallId, new MediaNodeLost(nodeCall.Node), cancellationToken);
            told++;
        }

        return told;
    }
}
