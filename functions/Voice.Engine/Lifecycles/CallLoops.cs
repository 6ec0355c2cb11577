using Voice.Core.Lifecycles;

namespace Voice.Engine.Lifecycles;

/// <summary>The loops both hosts run: calls (timers become <see cref="TimerFired"/>) and conferences (<see cref="ConferenceTimerFired"/>).</summary>
public static class CallLoops
{
    /// <summary>Signals per Durable generation before ContinueAsNew: keeps replay short even for long IVR calls.</summary>
    public const int SignalsPerGeneration = 50;

    public static LifecycleLoop<CallState, CallStart, CallSignal> Call { get; } =
        new(CallLifecycle.Instance, timerId => new TimerFired(timerId), SignalsPerGeneration);

    public static LifecycleLoop<ConferenceState, ConferenceStart, ConferenceSignal> Conference { get; } =
        new(ConferenceLifecycle.Instance, timerId => new ConferenceTimerFired(timerId), SignalsPerGeneration);
}
