using System.Threading.Channels;
using Voice.Core.Lifecycles;
using Voice.Engine.Lifecycles;

namespace Voice.DevHost.Lifecycles;

/// <summary>
/// One running lifecycle in DevHost: a mailbox drained by one loop, so an instance handles one signal at a time
/// (as a Durable orchestration does), with the same <see cref="LifecycleLoop{TState,TStart,TSignal}"/> bookkeeping.
/// Each step: apply → save the snapshot → arm/disarm timers → run the other effects in order; an effect's answer (a
/// fetched call flow) is posted back to the mailbox. Failing effects are retried a few times and then logged —
/// DevHost favours going on over stopping a call.
/// </summary>
internal sealed class LifecycleInstance<TState, TStart, TSignal>
    where TSignal : class
{
    private const int EffectAttempts = 3;
    private readonly Channel<Inbox> mailbox = Channel.CreateUnbounded<Inbox>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, (DateTimeOffset DueAt, CancellationTokenSource Cancel)> armed = [];
    private readonly LifecycleLoop<TState, TStart, TSignal> definition;
    private readonly LifecycleInstanceContext<TSignal> context;
    private readonly TaskCompletionSource ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LifecycleLoopState<TState> loop = null!;

    public LifecycleInstance(string kind, string id, LifecycleLoop<TState, TStart, TSignal> definition, LifecycleInstanceContext<TSignal> context)
    {
        Kind = kind;
        Id = id;
        this.definition = definition;
        this.context = context;
    }

    public string Kind { get; }

    public string Id { get; }

    public bool Finished { get; private set; }

    /// <summary>Completes when the lifecycle finishes (or the runner stops).</summary>
    public Task Ended => ended.Task;

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start(TStart start) => Completion = RunAsync(() => definition.Start(start, context.Clock.GetUtcNow()));

    /// <summary>
    /// Continues an instance a previous DevHost saved: its timers are armed again (those past due fire at once) and
    /// the effects of its last step run again — at least once, like every effect.
    /// </summary>
    public void Resume(LifecycleSnapshot<LifecycleLoopState<TState>> snapshot) =>
        Completion = RunAsync(() => (snapshot.Loop, snapshot.Effects));

    public bool Post(TSignal signal) => mailbox.Writer.TryWrite(new Inbox(signal, null));

    public void Stop() => mailbox.Writer.TryComplete();

    private async Task RunAsync(Func<(LifecycleLoopState<TState> Loop, IReadOnlyList<LifecycleEffect> Work)> first)
    {
        try
        {
            await StepAsync(first());
            await foreach (var item in mailbox.Reader.ReadAllAsync(context.Stopping))
            {
                var signal = item.Signal;
                if (item.TimerId is { } timerId)
                {
                    armed.Remove(timerId);
                    (loop, signal) = definition.Fire(loop, timerId);
                }

                if (signal is not null)
                {
                    await StepAsync(definition.Apply(loop, signal, context.Clock.GetUtcNow()));
                }
            }
        }
        catch (OperationCanceledException) when (context.Stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            context.Logger.LogError(e, "{Kind} {Id}: lifecycle loop failed", Kind, Id);
        }
        finally
        {
            ended.TrySetResult();
            foreach (var (_, cancel) in armed.Values)
            {
                await cancel.CancelAsync();
            }
        }
    }

    private async Task StepAsync((LifecycleLoopState<TState> Loop, IReadOnlyList<LifecycleEffect> Work) step)
    {
        loop = step.Loop;
        Finished = definition.IsFinished(loop);
        if (Finished)
        {
            ended.TrySetResult();
        }
        await context.Snapshots.SaveAsync(Kind, Id, new LifecycleSnapshot<LifecycleLoopState<TState>>(loop, step.Work), Finished, context.Stopping);
        SyncTimers();
        foreach (var effect in step.Work)
        {
            await RunWithRetriesAsync(effect);
        }
    }

    /// <summary>Makes the armed delays match the loop's timers.</summary>
    private void SyncTimers()
    {
        foreach (var id in armed.Keys.Where(id => !loop.Timers.TryGetValue(id, out var due) || due != armed[id].DueAt).ToList())
        {
            armed[id].Cancel.Cancel();
            armed.Remove(id);
        }

        foreach (var (id, dueAt) in loop.Timers.Where(t => !armed.ContainsKey(t.Key)))
        {
            var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.Stopping);
            armed[id] = (dueAt, cancel);
            var delay = dueAt - context.Clock.GetUtcNow();
            _ = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, context.Clock, cancel.Token)
                .ContinueWith(t => { if (!t.IsCanceled) { mailbox.Writer.TryWrite(new Inbox(null, id)); } }, TaskScheduler.Default);
        }
    }

    private async Task RunWithRetriesAsync(LifecycleEffect effect)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await context.RunEffect(effect, context.Stopping) is { } answer)
                {
                    Post(answer);
                }

                return;
            }
            catch (Exception e) when (attempt < EffectAttempts && !context.Stopping.IsCancellationRequested)
            {
                context.Logger.LogWarning(e, "{Kind} {Id}: effect {Effect} failed (attempt {Attempt}); retrying", Kind, Id, effect.Id, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), context.Stopping);
            }
            catch (Exception e) when (!context.Stopping.IsCancellationRequested)
            {
                context.Logger.LogError(e, "{Kind} {Id}: effect {Effect} failed {Attempts} times; skipped", Kind, Id, effect.Id, EffectAttempts);
                return;
            }
        }
    }

    /// <summary>A mailbox item: a signal, or a timer that came due.</summary>
    private sealed record Inbox(TSignal? Signal, string? TimerId);
}
