using Voice.Core.Lifecycles;

namespace Voice.Engine.Lifecycles;

/// <summary>
/// Runs lifecycle instances as Durable orchestrations (Voice.Orchestration), in Azure and in DevHost alike.
/// Instance ids are call ids and (account, conference name) pairs. All calls are at-least-once: a repeated
/// start of a running instance, or a repeated signal, is harmless because the lifecycles deduplicate.
/// </summary>
public interface ILifecycleHost
{
    /// <summary>Starts the lifecycle of a call (instance id = the call id) unless it already runs.</summary>
    Task StartCallAsync(CallStart start, CancellationToken cancellationToken);

    /// <summary>Delivers a signal to a running call; a call without a lifecycle ignores it (logged).</summary>
    Task SignalCallAsync(string callId, CallSignal signal, CancellationToken cancellationToken);

    /// <summary>Delivers a signal to a conference by name, starting it first when a join finds none running.</summary>
    Task SignalConferenceAsync(string accountId, string conferenceName, ConferenceSignal signal, CancellationToken cancellationToken);
}
