using Microsoft.DurableTask;
using Voice.Core.Lifecycles;
using Voice.Engine.Lifecycles;

namespace Voice.Functions.Lifecycles;

/// <summary>
/// The generic Durable event loop around a <see cref="LifecycleLoop{TState,TStart,TSignal}"/>: one pending
/// <c>WaitForExternalEvent</c> per generation raced against the earliest timer; apply; run the work as activities
/// (in order); <c>ContinueAsNew</c> every N signals with the loop state (unprocessed events preserved).
/// Signals, effects and states cross Durable as <see cref="LifecycleJson"/> strings.
/// </summary>
internal static class DurableLifecycleLoop
{
    public const string SignalEvent = "signal";

    public static async Task RunAsync<TState, TStart, TSignal>(TaskOrchestrationContext context, LifecycleLoop<TState, TStart, TSignal> definition, string input)
        where TSignal : class
    {
        var (loop, work) = input.StartsWith("{\"loop\"", StringComparison.Ordinal)
            ? (LifecycleJson.Deserialize<LoopInput<TState>>(input).Loop, [])
            : definition.Start(LifecycleJson.Deserialize<TStart>(input), context.CurrentUtcDateTime);
        loop = await RunWorkAsync(context, definition, loop, work);

        var pendingSignal = context.WaitForExternalEvent<string>(SignalEvent);
        while (!definition.IsFinished(loop) && !definition.ShouldContinueAsNew(loop))
        {
            using var timerCancel = new CancellationTokenSource();
            var next = definition.NextTimer(loop);
            var timer = next is { } due ? context.CreateTimer(due.DueAt.UtcDateTime, timerCancel.Token) : null;
            var winner = timer is null ? pendingSignal : await Task.WhenAny(pendingSignal, timer);
            TSignal? signal;
            if (winner == pendingSignal)
            {
                timerCancel.Cancel();
                signal = LifecycleJson.Deserialize<TSignal>(await pendingSignal);
                pendingSignal = context.WaitForExternalEvent<string>(SignalEvent);
            }
            else
            {
                (loop, signal) = definition.Fire(loop, next!.Value.TimerId);
            }

            if (signal is not null)
            {
                (loop, work) = definition.Apply(loop, signal, context.CurrentUtcDateTime);
                loop = await RunWorkAsync(context, definition, loop, work);
            }
        }

        if (!definition.IsFinished(loop))
        {
            context.ContinueAsNew(LifecycleJson.Serialize(new LoopInput<TState>(definition.NewGeneration(loop))), preserveUnprocessedEvents: true);
        }
    }

    private static async Task<LifecycleLoopState<TState>> RunWorkAsync<TState, TStart, TSignal>(
        TaskOrchestrationContext context, LifecycleLoop<TState, TStart, TSignal> definition, LifecycleLoopState<TState> loop, IReadOnlyList<LifecycleEffect> work)
        where TSignal : class
    {
        var queue = new Queue<LifecycleEffect>(work);
        while (queue.TryDequeue(out var effect))
        {
            var answer = await context.CallActivityAsync<string?>(nameof(LifecycleActivities.RunEffect), LifecycleJson.Serialize(effect));
            if (answer is not null)
            {
                // A fetched call flow: apply it now, in order, as DevHost does.
                var applied = definition.Apply(loop, LifecycleJson.Deserialize<TSignal>(answer), context.CurrentUtcDateTime);
                loop = applied.Loop;
                foreach (var more in applied.Work)
                {
                    queue.Enqueue(more);
                }
            }
        }

        return loop;
    }

    /// <summary>The ContinueAsNew input: the loop state of the previous generation.</summary>
    private sealed record LoopInput<TState>(LifecycleLoopState<TState> Loop);
}
