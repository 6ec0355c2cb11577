namespace Voice.Core.Lifecycles;

/// <summary>
/// A pure state machine run by a host (Durable orchestration or the DevHost runner):
/// <c>state + signal + now → new state + effects</c>. Implementations do no I/O, read no clock and use no
/// randomness, so the same inputs always give the same outputs and a replay is safe. Malformed, stale,
/// duplicate or out-of-order signals never throw: they are ignored or absorbed. See Lifecycles/README.md for
/// the loop contract a host must follow.
/// </summary>
/// <typeparam name="TState">The instance's whole state; JSON-serializable with <see cref="LifecycleJson"/>.</typeparam>
/// <typeparam name="TStart">The signal that creates an instance.</typeparam>
/// <typeparam name="TSignal">Every later input.</typeparam>
public interface ILifecycle<TState, in TStart, in TSignal>
{
    /// <summary>Creates the instance's first state and its first effects.</summary>
    Transition<TState> Start(TStart start, DateTimeOffset now);

    /// <summary>Applies one signal at <paramref name="now"/>.</summary>
    Transition<TState> Apply(TState state, TSignal signal, DateTimeOffset now);

    /// <summary>True once the instance has ended and only absorbs signals; a host may stop its loop then.</summary>
    bool IsFinished(TState state);
}

/// <summary>The result of one step: the new state and the effects the host must run, in order.</summary>
public sealed record Transition<TState>(TState State, IReadOnlyList<LifecycleEffect> Effects);
