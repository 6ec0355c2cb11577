using Microsoft.Extensions.Options;
using Voice.Media.Contracts.Nodes;

namespace Voice.Engine.Nodes;

/// <summary>
/// Picks the node for a new outbound call: among active nodes with a fresh heartbeat and room, the least loaded
/// (live calls over capacity), as kamailio's dispatcher and the vendors' media fleets balance. The registry is read at
/// most every <see cref="MediaNodeFleetOptions.RegistryCacheFor"/>; calls this instance placed after a node's last
/// heartbeat count toward its load, so a burst spreads instead of piling onto the node that looked emptiest.
/// </summary>
public sealed class MediaNodePlacement(MediaNodeRegistry registry, IOptions<MediaNodeFleetOptions> options, TimeProvider clock) : IDisposable
{
    private readonly Lock gate = new();
    private readonly SemaphoreSlim reading = new(1, 1);
    private IReadOnlyList<MediaNodeRecord> nodes = [];
    private DateTimeOffset readAt = DateTimeOffset.MinValue;
    private readonly Queue<(string NodeId, DateTimeOffset At)> placed = new();

    public void Dispose() => reading.Dispose();

    /// <summary>The node for a new call, or null when none has room.</summary>
    public async Task<MediaNodeAddress?> PlaceAsync(CancellationToken cancellationToken)
    {
        var asked = clock.GetUtcNow();
        await RefreshAsync(asked - options.Value.RegistryCacheFor, cancellationToken);
        if (TryPlace() is { } placedOn)
        {
            return placedOn;
        }

        // A refusal from a cached copy is worth one fresh read: a node that just started or undrained takes the call.
        await RefreshAsync(asked, cancellationToken);
        return TryPlace();
    }

    private MediaNodeAddress? TryPlace()
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            MediaNodeRecord? best = null;
            var bestLoad = double.MaxValue;
            foreach (var node in nodes)
            {
                var counted = node with { ActiveCalls = node.ActiveCalls + PlacedAfterHeartbeat(node) };
                if (!counted.TakesCalls(now, options.Value.LostAfter))
                {
                    continue;
                }

                var load = (double)counted.ActiveCalls / counted.Capacity;
                if (load < bestLoad)
                {
                    (best, bestLoad) = (node, load);
                }
            }

            if (best is null)
            {
                return null;
            }

            placed.Enqueue((best.NodeId, now));
            return best.Address;
        }
    }

    // Called under the gate. Older placements than a heartbeat window are in every node's count by now.
    private int PlacedAfterHeartbeat(MediaNodeRecord node)
    {
        var now = clock.GetUtcNow();
        while (placed.TryPeek(out var oldest) && now - oldest.At > options.Value.LostAfter)
        {
            placed.Dequeue();
        }

        var count = 0;
        foreach (var (nodeId, at) in placed)
        {
            if (nodeId == node.NodeId && at >= node.HeartbeatAt)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The node <paramref name="address"/> names, when it is active with a fresh heartbeat (a leg placed beside a call).</summary>
    public async Task<bool> IsLiveAsync(MediaNodeAddress address, CancellationToken cancellationToken)
    {
        await RefreshAsync(clock.GetUtcNow() - options.Value.RegistryCacheFor, cancellationToken);
        var now = clock.GetUtcNow();
        lock (gate)
        {
            return nodes.Any(n => n.Address == address && n.State == MediaNodeState.Active && n.IsFresh(now, options.Value.LostAfter));
        }
    }

    /// <summary>Reads the registry unless the copy was read at or after <paramref name="readSince"/>.</summary>
    private async Task RefreshAsync(DateTimeOffset readSince, CancellationToken cancellationToken)
    {
        if (LastRead() >= readSince)
        {
            return;
        }

        await reading.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have read it while this one waited.
            if (LastRead() >= readSince)
            {
                return;
            }

            var read = await registry.ListAsync(cancellationToken);
            lock (gate)
            {
                nodes = read;
                readAt = clock.GetUtcNow();
            }
        }
        finally
        {
            reading.Release();
        }
    }

    private DateTimeOffset LastRead()
    {
        lock (gate)
        {
            return readAt;
        }
    }
}
