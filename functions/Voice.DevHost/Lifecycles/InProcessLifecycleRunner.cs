using System.Collections.Concurrent;
using Voice.Core.Lifecycles;
using Voice.Engine.Conferences;
using Voice.Engine.Lifecycles;

namespace Voice.DevHost.Lifecycles;

/// <summary>
/// DevHost's <see cref="ILifecycleHost"/>: runs the same lifecycle machines and the same effect runner as the
/// Durable orchestrations, in-process — one mailbox and loop per call and per conference, resumed from their
/// snapshots when DevHost starts again (<see cref="ResumeAsync"/>). Finished instances stay
/// addressable for a while (late events such as a recording saved after hangup still reach them), then are dropped.
/// </summary>
public sealed class InProcessLifecycleRunner : ILifecycleHost, IAsyncDisposable
{
    private static readonly TimeSpan KeepFinished = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, LifecycleInstance<CallState, CallStart, CallSignal>> calls = new();
    private readonly ConcurrentDictionary<string, LifecycleInstance<ConferenceState, ConferenceStart, ConferenceSignal>> conferences = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly LifecycleEffectRunner effects;
    private readonly LifecycleSnapshots snapshots;
    private readonly TimeProvider clock;
    private readonly ILogger<InProcessLifecycleRunner> logger;
    private readonly object conferenceGate = new();
    private int disposed;

    public InProcessLifecycleRunner(LifecycleEffectRunner effects, LifecycleSnapshots snapshots, TimeProvider clock, ILogger<InProcessLifecycleRunner> logger)
    {
        this.effects = effects;
        this.snapshots = snapshots;
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>Instances whose lifecycle has not finished.</summary>
    public int ActiveCount => calls.Values.Count(i => !i.Finished) + conferences.Values.Count(i => !i.Finished);

    public Task StartCallAsync(CallStart start, CancellationToken cancellationToken)
    {
        var id = StartCallKey.CallIdOf(start);
        var created = false;
        var instance = calls.GetOrAdd(id, _ =>
        {
            created = true;
            return new LifecycleInstance<CallState, CallStart, CallSignal>("call", id, CallLoops.Call, CallContext());
        });
        if (created)
        {
            instance.Start(start);
            ForgetWhenFinished(calls, id, instance);
        }

        return Task.CompletedTask;
    }

    public Task SignalCallAsync(string callId, CallSignal signal, CancellationToken cancellationToken)
    {
        if (!calls.TryGetValue(callId, out var instance) || !instance.Post(signal))
        {
            logger.LogInformation("call {CallId} has no running lifecycle; {Signal} ignored", callId, signal.GetType().Name);
        }

        return Task.CompletedTask;
    }

    public Task SignalConferenceAsync(string accountId, string conferenceName, ConferenceSignal signal, CancellationToken cancellationToken)
    {
        var key = accountId + "/" + conferenceName;
        LifecycleInstance<ConferenceState, ConferenceStart, ConferenceSignal>? created = null;

        // Check-and-create is atomic: two calls joining at once must land in one conference. Only in-memory work
        // happens under the lock; the new instance starts (and does I/O) after it is released.
        lock (conferenceGate)
        {
            if (!conferences.TryGetValue(key, out var running) || running.Finished)
            {
                if (signal is not JoinConference)
                {
                    logger.LogInformation("conference {Name} is not running; {Signal} ignored", conferenceName, signal.GetType().Name);
                    return Task.CompletedTask;
                }

                running = created = new LifecycleInstance<ConferenceState, ConferenceStart, ConferenceSignal>("conference", key, CallLoops.Conference, ConferenceContext());
                conferences[key] = created;
            }

            running.Post(signal);
        }

        if (created is not null)
        {
            created.Start(new ConferenceStart(NewConference.Create(accountId, conferenceName, clock.GetUtcNow()), conferenceName));
            ForgetWhenFinished(conferences, key, created);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Continues every call and conference that had not finished when DevHost last stopped, from its saved snapshot,
    /// so that events the media-node reported meanwhile (hangups on its shutdown) still end them. Returns how many.
    /// </summary>
    public async Task<int> ResumeAsync(CancellationToken cancellationToken)
    {
        var resumed = 0;
        await foreach (var (id, snapshot) in snapshots.UnfinishedAsync<LifecycleLoopState<CallState>>("call", Unreadable, cancellationToken))
        {
            var instance = new LifecycleInstance<CallState, CallStart, CallSignal>("call", id, CallLoops.Call, CallContext());
            if (calls.TryAdd(id, instance))
            {
                instance.Resume(snapshot);
                ForgetWhenFinished(calls, id, instance);
                resumed++;
            }
        }

        await foreach (var (key, snapshot) in snapshots.UnfinishedAsync<LifecycleLoopState<ConferenceState>>("conference", Unreadable, cancellationToken))
        {
            var instance = new LifecycleInstance<ConferenceState, ConferenceStart, ConferenceSignal>("conference", key, CallLoops.Conference, ConferenceContext());
            lock (conferenceGate)
            {
                if (!conferences.TryAdd(key, instance))
                {
                    continue;
                }
            }

            instance.Resume(snapshot);
            ForgetWhenFinished(conferences, key, instance);
            resumed++;
        }

        return resumed;
    }

    public async ValueTask DisposeAsync()
    {
        // The container may dispose it twice (as itself and as ILifecycleHost).
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync();
        foreach (var instance in calls.Values)
        {
            instance.Stop();
        }

        foreach (var instance in conferences.Values)
        {
            instance.Stop();
        }

        // `stopping` is not disposed: background tasks may still read its (cancelled) token.
        await Task.WhenAll(calls.Values.Select(i => i.Completion).Concat(conferences.Values.Select(i => i.Completion)));
    }

    private void Unreadable(string instanceId, Exception e) =>
        logger.LogWarning(e, "lifecycle {InstanceId} has a snapshot this DevHost cannot read; not resumed", instanceId);

    private LifecycleInstanceContext<CallSignal> CallContext() => new(
        clock, snapshots, (effect, ct) => effects.RunAsync(effect, this, ct), logger, stopping.Token);

    private LifecycleInstanceContext<ConferenceSignal> ConferenceContext() => new(
        clock,
        snapshots,
        async (effect, ct) =>
        {
            await effects.RunAsync(effect, this, ct);
            return null;
        },
        logger,
        stopping.Token);

    /// <summary>Once the instance finishes, keeps it for <see cref="KeepFinished"/>, then drops it.</summary>
    private void ForgetWhenFinished<TState, TStart, TSignal>(
        ConcurrentDictionary<string, LifecycleInstance<TState, TStart, TSignal>> instances, string key, LifecycleInstance<TState, TStart, TSignal> instance)
        where TSignal : class
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await instance.Ended.WaitAsync(stopping.Token);
                await Task.Delay(KeepFinished, clock, stopping.Token);
                if (instances.TryRemove(new KeyValuePair<string, LifecycleInstance<TState, TStart, TSignal>>(key, instance)))
                {
                    instance.Stop();
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }
}
