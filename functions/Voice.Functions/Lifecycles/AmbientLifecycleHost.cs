using Microsoft.DurableTask.Client;
using Voice.Core.Lifecycles;
using Voice.Engine.Lifecycles;
using Voice.Orchestration;

namespace Voice.Functions.Lifecycles;

/// <summary>
/// The singleton <see cref="ILifecycleHost"/> the engine's services get in the Functions app. A Durable client exists
/// only as a binding of each invocation, so every trigger that may reach the engine sets it with <see cref="Use"/>;
/// this host forwards to a <see cref="DurableLifecycleHost"/> over it.
/// </summary>
public sealed class AmbientLifecycleHost : ILifecycleHost
{
    private static readonly AsyncLocal<DurableTaskClient?> Current = new();

    /// <summary>Makes <paramref name="durable"/> the client of this invocation's engine calls.</summary>
    public static IDisposable Use(DurableTaskClient durable)
    {
        Current.Value = durable;
        return new Reset();
    }

    public Task StartCallAsync(CallStart start, CancellationToken cancellationToken) =>
        Host.StartCallAsync(start, cancellationToken);

    public Task SignalCallAsync(string callId, CallSignal signal, CancellationToken cancellationToken) =>
        Host.SignalCallAsync(callId, signal, cancellationToken);

    public Task SignalConferenceAsync(string accountId, string conferenceName, ConferenceSignal signal, CancellationToken cancellationToken) =>
        Host.SignalConferenceAsync(accountId, conferenceName, signal, cancellationToken);

    private static DurableLifecycleHost Host =>
        new(Current.Value ?? throw new InvalidOperationException("no Durable client in this invocation: the trigger must call AmbientLifecycleHost.Use"));

    private sealed class Reset : IDisposable
    {
        public void Dispose() => Current.Value = null;
    }
}
