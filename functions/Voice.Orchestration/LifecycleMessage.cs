namespace Voice.Orchestration;

/// <summary>
/// What the <see cref="LifecycleFunctionNames.SignalEvent"/> event carries: a signal, and for a signal that may open
/// a new instance (a join to a conference that has ended but still takes late signals) the start to use then.
/// </summary>
public sealed record LifecycleMessage<TSignal, TStart>(TSignal Signal, TStart? RestartWith = default);
