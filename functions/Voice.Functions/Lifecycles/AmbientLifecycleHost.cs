using Voice.Core.Lifecycles;
using Voice.Engine.Lifecycles;

namespace Voice.Functions.Lifecycles;

/// <summary>The singleton <see cref="ILifecycleHost"/> for services: forwards to the invocation's Durable client.</summary>
public sealed class AmbientLifecycleHost : ILifecycleHost
{
    public Task StartCallAsync(CallStart start, CancellationToken cancellationToken) =>
        DurableLifecycleHost.Ambient.StartCallAsync(start, cancellationToken);

    public Task SignalCallAsync(string callId, CallSignal signal, CancellationToken cancellationToken) =>
        DurableLifecycleHost.Ambient.SignalCallAsync(callId, signal, cancellationToken);

    public Task SignalConferenceAsync(string accountId, string conferenceName, ConferenceSignal signal, CancellationToken cancellationToken) =>
        DurableLifecycleHost.Ambient.SignalConferenceAsync(accountId, conferenceName, signal, cancellationToken);
}
