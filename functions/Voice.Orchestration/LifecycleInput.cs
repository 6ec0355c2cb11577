using Voice.Engine.Lifecycles;

namespace Voice.Orchestration;

/// <summary>
/// The input of a lifecycle orchestration: a fresh <see cref="Start"/>, or the <see cref="Continued"/> loop state of
/// the previous generation (ContinueAsNew). <see cref="Pending"/> signals are applied right after the start, before
/// any new event (a join that restarted a finished conference).
/// </summary>
public sealed record LifecycleInput<TStart, TState, TSignal>
{
    public TStart? Start { get; init; }

    public LifecycleLoopState<TState>? Continued { get; init; }

    public IReadOnlyList<TSignal> Pending { get; init; } = [];
}
