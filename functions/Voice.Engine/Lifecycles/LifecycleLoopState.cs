using System.Collections.Immutable;

namespace Voice.Engine.Lifecycles;

/// <summary>
/// What a host's event loop keeps around one lifecycle between signals: the lifecycle's state, the timers it has
/// armed (id → due time), and how many signals this generation has applied (to bound Durable history).
/// </summary>
public sealed record LifecycleLoopState<TState>
{
    public required TState State { get; init; }

    public ImmutableSortedDictionary<string, DateTimeOffset> Timers { get; init; } = ImmutableSortedDictionary<string, DateTimeOffset>.Empty;

    public int SignalsThisGeneration { get; init; }

    /// <summary>When the lifecycle finished (its deterministic time), or null while it runs.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
}
