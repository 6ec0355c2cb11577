using Voice.Core.Lifecycles;
using Voice.Engine.Lifecycles;

namespace Voice.Orchestration;

/// <summary>
/// What the Durable loop needs to know about one kind of lifecycle beyond its <see cref="LifecycleLoop{TState,TStart,TSignal}"/>:
/// how to tell it that its effects kept failing, and how an effect's answer (a fetched call flow) becomes its signal.
/// </summary>
public sealed record LifecycleDefinition<TState, TStart, TSignal>(
    string Kind,
    LifecycleLoop<TState, TStart, TSignal> Loop,
    Func<string, TSignal> EffectsFailed,
    Func<CallSignal, TSignal?> Answer)
    where TSignal : class;

/// <summary>The two lifecycles the orchestrations run.</summary>
public static class LifecycleDefinitions
{
    public static LifecycleDefinition<CallState, CallStart, CallSignal> Call { get; } =
        new("call", CallLoops.Call, reason => new EffectsFailed(reason), answer => answer);

    public static LifecycleDefinition<ConferenceState, ConferenceStart, ConferenceSignal> Conference { get; } =
        new("conference", CallLoops.Conference, reason => new ConferenceEffectsFailed(reason), _ => null);
}
