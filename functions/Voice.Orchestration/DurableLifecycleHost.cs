using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Voice.Core.Lifecycles;
using Voice.Engine.Conferences;
using Voice.Engine.Lifecycles;

namespace Voice.Orchestration;

/// <summary>
/// <see cref="ILifecycleHost"/> over a <see cref="DurableTaskClient"/> — the Functions binding's in Azure, DevHost's
/// over its task hub locally. Starts are deduplicated by Durable itself (an instance that is pending or running is
/// not started again, so two calls that open the same conference at once get one); signals are external events.
/// </summary>
public sealed class DurableLifecycleHost(DurableTaskClient client) : ILifecycleHost
{
    private static readonly OrchestrationRuntimeStatus[] Live =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    public Task StartCallAsync(CallStart start, CancellationToken cancellationToken) =>
        StartOnceAsync(
            LifecycleFunctionNames.CallOrchestrator,
            StartCallKey.CallIdOf(start),
            LifecycleJson.Serialize(new LifecycleInput<CallStart, CallState, CallSignal> { Start = start }),
            cancellationToken);

    public async Task SignalCallAsync(string callId, CallSignal signal, CancellationToken cancellationToken)
    {
        try
        {
            await client.RaiseEventAsync(
                callId, LifecycleFunctionNames.SignalEvent, LifecycleJson.Serialize(new LifecycleMessage<CallSignal, CallStart>(signal)), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The Functions host may refuse events for instances it does not know (DevHost's backend queues and drops
            // them): a signal for a call without a lifecycle is dropped either way, not retried into a poison queue.
            if (!await HasNoLiveInstanceAsync(callId, cancellationToken))
            {
                throw;
            }
        }
    }

    public async Task SignalConferenceAsync(string accountId, string conferenceName, ConferenceSignal signal, CancellationToken cancellationToken)
    {
        var instanceId = ConferenceInstanceIds.For(accountId, conferenceName);

        // A join opens the conference when none is live (an API's open does with the record it made). If the one there
        // has ended but still takes late signals, the start travels with the signal and the instance begins a new
        // conference with it.
        var start = signal switch
        {
            OpenConference open => open.Start,
            JoinConference => new ConferenceStart(NewConference.Create(accountId, conferenceName, DateTimeOffset.UtcNow), conferenceName),
            _ => null,
        };
        if (start is not null)
        {
            await StartOnceAsync(
                LifecycleFunctionNames.ConferenceOrchestrator,
                instanceId,
                LifecycleJson.Serialize(new LifecycleInput<ConferenceStart, ConferenceState, ConferenceSignal> { Start = start }),
                cancellationToken);
        }

        await client.RaiseEventAsync(
            instanceId,
            LifecycleFunctionNames.SignalEvent,
            LifecycleJson.Serialize(new LifecycleMessage<ConferenceSignal, ConferenceStart>(signal, start)),
            cancellationToken);
    }

    private async Task<bool> HasNoLiveInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(instanceId, cancellationToken) is not { IsRunning: true } and not { RuntimeStatus: OrchestrationRuntimeStatus.Pending };

    private async Task StartOnceAsync(string orchestrator, string instanceId, string input, CancellationToken cancellationToken)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                orchestrator, input, new StartOrchestrationOptions(instanceId).WithDedupeStatuses(Live), cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // At-least-once: the instance is already live (a repeated start, or a concurrent one that won).
        }
    }
}
