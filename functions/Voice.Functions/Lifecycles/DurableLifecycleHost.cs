using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask.Client;
using Voice.Core.Lifecycles;
using Voice.Engine.Conferences;
using Voice.Engine.Lifecycles;

namespace Voice.Functions.Lifecycles;

/// <summary>
/// <see cref="ILifecycleHost"/> over Durable: starts orchestrations (instance id = call id, or a hash of account and
/// conference name) and raises the <c>signal</c> event. Starting an instance that exists is not an error (at-least-once).
/// </summary>
public sealed class DurableLifecycleHost(DurableTaskClient client) : ILifecycleHost
{
    private static readonly AsyncLocal<DurableTaskClient?> Current = new();

    /// <summary>The host for the current HTTP invocation (set by <see cref="Use"/>).</summary>
    public static ILifecycleHost Ambient => new DurableLifecycleHost(Current.Value ?? throw new InvalidOperationException("no Durable client in this invocation"));

    /// <summary>Makes <paramref name="durable"/> the client of this invocation's engine calls.</summary>
    public static IDisposable Use(DurableTaskClient durable)
    {
        Current.Value = durable;
        return new Reset();
    }

    public async Task StartCallAsync(CallStart start, CancellationToken cancellationToken) =>
        await StartOnceAsync(nameof(LifecycleOrchestrators.CallOrchestrator), StartCallKey.CallIdOf(start), LifecycleJson.Serialize(start), cancellationToken);

    public Task SignalCallAsync(string callId, CallSignal signal, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(callId, DurableLifecycleLoop.SignalEvent, LifecycleJson.Serialize(signal), cancellationToken);

    public async Task SignalConferenceAsync(string accountId, string conferenceName, ConferenceSignal signal, CancellationToken cancellationToken)
    {
        var instanceId = "conf-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accountId + "/" + conferenceName)))[..32];
        var running = await client.GetInstanceAsync(instanceId, cancellationToken);
        if (signal is JoinConference && (running is null || running.IsCompleted))
        {
            var record = NewConference.Create(accountId, conferenceName, DateTimeOffset.UtcNow);
            await StartOnceAsync(nameof(LifecycleOrchestrators.ConferenceOrchestrator), instanceId, LifecycleJson.Serialize(new ConferenceStart(record, conferenceName)), cancellationToken);
        }

        await client.RaiseEventAsync(instanceId, DurableLifecycleLoop.SignalEvent, LifecycleJson.Serialize(signal), cancellationToken);
    }

    private async Task StartOnceAsync(string orchestrator, string instanceId, string input, CancellationToken cancellationToken)
    {
        var existing = await client.GetInstanceAsync(instanceId, cancellationToken);
        if (existing is null || existing.IsCompleted)
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), cancellationToken);
        }
    }

    private sealed class Reset : IDisposable
    {
        public void Dispose() => Current.Value = null;
    }
}
