using Voice.Core.Lifecycles;

namespace Voice.DevHost.Lifecycles;

/// <summary>What a <see cref="LifecycleInstance{TState,TStart,TSignal}"/> needs from its runner.</summary>
internal sealed record LifecycleInstanceContext<TSignal>(
    TimeProvider Clock,
    LifecycleSnapshots Snapshots,
    Func<LifecycleEffect, CancellationToken, Task<TSignal?>> RunEffect,
    ILogger Logger,
    CancellationToken Stopping)
    where TSignal : class;
