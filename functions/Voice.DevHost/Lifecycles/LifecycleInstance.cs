using System.Threading.Channels;
using Voice.Core.Lifecycles;

namespace Voice.DevHost.Lifecycles;

/// <summary>
/// One running lifecycle in DevHost: a mailbox drained by one loop, so an instance handles one signal at a time
/// (as a Durable orchestration does). Each step: apply → save the snapshot → run the effects in order; timers
/// become delayed signals; an effect's answer (a fetched call flow) is posted back to the mailbox. Failing effects
/// are retried a few times and then logged — DevHost favours going on over stopping a call.
/// </summary>
internal sealed class LifecycleInstance<TState, TStart, TSignal>
    where TSignal : class
{
    private const int EffectAttempts = 3;
    private readonly Channel<TSignal> mailbox = Channel.CreateUnbounded<TSignal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, CancellationTokenSource> timers = [];
    private readonly ILifecycle<TState, TStart, TSignal> lifecycle;
    private readonly LifecycleInstanceContext<TSignal> context;
    private TState state = default!;

    public LifecycleInstance(string kind, string id, ILifecycle<TState, TStart, TSignal> lifecycle, LifecycleInstanceContext<TSignal> context)
    {
        Kind = kind;
        Id = id;
        this.lifecycle = lifecycle;
        this.context = context;
    }

    public string Kind { get; }

    public string Id { get; }

    public bool Finished { get; private set; }

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start(TStart start)
    {
        var transition = lifecycle.Start(start, context.Clock.GetUtcNow());
        Completion = RunAsync(transition);
    }

    public bool Post(TSignal signal) => mailbox.Writer.TryWrite(signal);

    public void Stop() => mailbox.Writer.TryComplete();

    private async Task RunAsync(Transition<TState> first)
    {
        try
        {
            await StepAsync(first);
            await foreach (var signal in mailbox.Reader.ReadAllAsync(context.Stopping))
            {
                await StepAsync(lifecycle.Apply(state, signal, context.Clock.GetUtcNow()));
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
            foreach (var timer in timers.Values)
            {
                await timer.CancelAsync();
            }
        }
    }

    private async Task StepAsync(Transition<TState> transition)
    {
        state = transition.State;
        Finished = lifecycle.IsFinished(state);
        await context.Snapshots.SaveAsync(Kind, Id, state, Finished, context.Stopping);
        foreach (var effect in transition.Effects)
        {
            switch (effect)
            {
                case StartTimer start:
                    Arm(start);
                    break;
                case CancelTimer cancel when timers.Remove(cancel.TimerId, out var pending):
                    await pending.CancelAsync();
                    break;
                case CancelTimer:
                    break;
                default:
                    await RunWithRetriesAsync(effect);
                    break;
            }
        }
    }

    private void Arm(StartTimer start)
    {
        if (timers.Remove(start.TimerId, out var previous))
        {
            previous.Cancel();
        }

        if (context.TimerSignal(start.TimerId) is not { } signal)
        {
            return;
        }

        var cts = CancellationTokenSource.CreateLinkedTokenSource(context.Stopping);
        timers[start.TimerId] = cts;
        var delay = start.DueAt - context.Clock.GetUtcNow();
        _ = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, context.Clock, cts.Token)
            .ContinueWith(t => { if (!t.IsCanceled) { Post(signal); } }, TaskScheduler.Default);
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
}
