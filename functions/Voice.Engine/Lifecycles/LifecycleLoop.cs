using Voice.Core.Lifecycles;

namespace Voice.Engine.Lifecycles;

/// <summary>
/// The deterministic part of the Durable event loop (ARCHITECTURE principle 3): applies starts and signals, keeps the
/// timer effects for itself and hands every other effect back as work for the host to run. The orchestrator races
/// one pending external event against <see cref="NextTimer"/> and calls <c>ContinueAsNew</c> when
/// <see cref="ShouldContinueAsNew"/>; no I/O, no clock.
/// </summary>
public sealed class LifecycleLoop<TState, TStart, TSignal>
    where TSignal : class
{
    private readonly ILifecycle<TState, TStart, TSignal> lifecycle;
    private readonly Func<string, TSignal?> timerSignal;
    private readonly int signalsPerGeneration;

    public LifecycleLoop(ILifecycle<TState, TStart, TSignal> lifecycle, Func<string, TSignal?> timerSignal, int signalsPerGeneration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(signalsPerGeneration, 1);
        this.lifecycle = lifecycle;
        this.timerSignal = timerSignal;
        this.signalsPerGeneration = signalsPerGeneration;
    }

    public (LifecycleLoopState<TState> Loop, IReadOnlyList<LifecycleEffect> Work) Start(TStart start, DateTimeOffset now) =>
        Absorb(new LifecycleLoopState<TState> { State = default! }, lifecycle.Start(start, now), now, countSignal: false);

    public (LifecycleLoopState<TState> Loop, IReadOnlyList<LifecycleEffect> Work) Apply(LifecycleLoopState<TState> loop, TSignal signal, DateTimeOffset now) =>
        Absorb(loop, lifecycle.Apply(loop.State, signal, now), now, countSignal: true);

    /// <summary>The earliest armed timer, if any.</summary>
    public (string TimerId, DateTimeOffset DueAt)? NextTimer(LifecycleLoopState<TState> loop)
    {
        if (loop.Timers.Count == 0)
        {
            return null;
        }

        // Ties go to the smallest id (the dictionary is sorted), so replays pick the same timer.
        var next = loop.Timers.MinBy(t => t.Value);
        return (next.Key, next.Value);
    }

    /// <summary>Disarms a timer that came due and returns the signal it stands for (null when the lifecycle has none).</summary>
    public (LifecycleLoopState<TState> Loop, TSignal? Signal) Fire(LifecycleLoopState<TState> loop, string timerId) =>
        (loop with { Timers = loop.Timers.Remove(timerId) }, loop.Timers.ContainsKey(timerId) ? timerSignal(timerId) : null);

    public bool IsFinished(LifecycleLoopState<TState> loop) => lifecycle.IsFinished(loop.State);

    /// <summary>True when this generation has applied enough signals that the host should start a new one.</summary>
    public bool ShouldContinueAsNew(LifecycleLoopState<TState> loop) => loop.SignalsThisGeneration >= signalsPerGeneration;

    public LifecycleLoopState<TState> NewGeneration(LifecycleLoopState<TState> loop) => loop with { SignalsThisGeneration = 0 };

    /// <summary>
    /// When a finished instance stops taking late signals: <see cref="LateSignalWindow"/> after it finished. Until then
    /// a host keeps it addressable, so that a recording the node saves after the hangup is still stored and reported.
    /// </summary>
    public DateTimeOffset? AcceptsLateSignalsUntil(LifecycleLoopState<TState> loop) => loop.FinishedAt + LateSignalWindow;

    /// <summary>How long a finished lifecycle still applies late signals (it absorbs all but a few, see ILifecycle).</summary>
    public TimeSpan LateSignalWindow { get; init; } = TimeSpan.FromMinutes(5);

    private (LifecycleLoopState<TState>, IReadOnlyList<LifecycleEffect>) Absorb(LifecycleLoopState<TState> loop, Transition<TState> transition, DateTimeOffset now, bool countSignal)
    {
        var timers = loop.Timers;
        var work = new List<LifecycleEffect>(transition.Effects.Count);
        foreach (var effect in transition.Effects)
        {
            switch (effect)
            {
                case StartTimer start:
                    timers = timers.SetItem(start.TimerId, start.DueAt);
                    break;
                case CancelTimer cancel:
                    timers = timers.Remove(cancel.TimerId);
                    break;
                default:
                    work.Add(effect);
                    break;
            }
        }

        return (loop with
        {
            State = transition.State,
            Timers = timers,
            SignalsThisGeneration = loop.SignalsThisGeneration + (countSignal ? 1 : 0),
            FinishedAt = loop.FinishedAt ?? (lifecycle.IsFinished(transition.State) ? now : null),
        }, work);
    }
}
