using Microsoft.Azure.Functions.Worker;
using Voice.Engine.Nodes;

namespace Voice.Functions.Triggers;

/// <summary>
/// Every 5 s, the sweep that declares silent media nodes lost and ends their calls <c>media_node_lost</c>. The timer
/// runs on one instance at a time (the host's singleton lock); the sweep is idempotent anyway.
/// </summary>
public sealed class MediaNodeSweepTrigger(MediaNodeSweep sweep)
{
    [Function("MediaNodeSweep")]
    public Task Sweep([TimerTrigger("*/5 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.SweepAsync(cancellationToken);
}
