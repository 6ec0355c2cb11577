using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Voice.Core.Lifecycles;
using Voice.Engine.Lifecycles;

namespace Voice.Orchestration;

/// <summary>
/// The Durable event loop around a lifecycle (ARCHITECTURE principle 3), the one both hosts run. Each turn: wait for
/// the next <see cref="LifecycleFunctionNames.SignalEvent"/> raced against the earliest timer; apply it; run the
/// step's effects as one activity (retried, see <see cref="EffectRetries"/>), which for a call also applies what they
/// answered (a fetched call flow) at once, in order, and runs what follows (<see cref="LifecycleStepChain"/>). A finished lifecycle stays addressable for
/// <see cref="LifecycleLoop{TState,TStart,TSignal}.LateSignalWindow"/> so that late signals (a recording saved after
/// the hangup) still take effect; then the orchestration completes. Every
/// <see cref="CallLoops.SignalsPerGeneration"/> signals it continues as new with its loop state, keeping unprocessed
/// events. Deterministic: time is <c>CurrentUtcDateTime</c>, ids come from the lifecycle state.
/// </summary>
public static class DurableLifecycleLoop
{
    /// <summary>The custom status of an instance whose lifecycle has finished (it still takes late signals).</summary>
    public const string FinishedStatus = "finished";

    public static async Task RunAsync<TState, TStart, TSignal>(
        TaskOrchestrationContext context, LifecycleDefinition<TState, TStart, TSignal> definition, string inputJson)
        where TSignal : class
    {
        var logger = context.CreateReplaySafeLogger("Voice.Orchestration." + definition.Kind);
        var loopDefinition = definition.Loop;
        var input = LifecycleJson.Deserialize<LifecycleInput<TStart, TState, TSignal>>(inputJson);
        LifecycleLoopState<TState> loop;
        if (input.Continued is { } continued)
        {
            loop = continued;
        }
        else
        {
            var start = input.Start ?? throw new ArgumentException("a lifecycle input needs a start or a continued loop", nameof(inputJson));
            (loop, var work) = loopDefinition.Start(start, context.CurrentUtcDateTime);
            loop = await RunWorkAsync(context, definition, loop, work, logger);
        }

        foreach (var pending in input.Pending)
        {
            loop = await ApplyAsync(context, definition, loop, pending, logger);
        }

        // At most one waiter, created only when the loop waits, and never left behind at ContinueAsNew: an event the
        // SDK hands to a waiter is gone from its buffer, so a waiter outstanding at ContinueAsNew would lose it. Events
        // that arrive while no waiter exists are buffered by the SDK and carried over to the next generation.
        Task<string>? nextEvent = null;
        DateTimeOffset? firedEarly = null;
        while (!(loopDefinition.ShouldContinueAsNew(loop) && nextEvent is null))
        {
            var finished = loopDefinition.IsFinished(loop);
            if (finished)
            {
                // Operators (and tests) can tell an instance that only takes late signals from a live one.
                context.SetCustomStatus(FinishedStatus);
            }

            var nextTimer = loopDefinition.NextTimer(loop);
            DateTimeOffset? wakeAt = finished ? loopDefinition.AcceptsLateSignalsUntil(loop) : nextTimer?.DueAt;
            if (finished && context.CurrentUtcDateTime >= wakeAt!.Value.UtcDateTime)
            {
                return;
            }

            nextEvent ??= context.WaitForExternalEvent<string>(LifecycleFunctionNames.SignalEvent);

            // A timer that fired early is armed again 1 s past its due time: a delay under a second would be visible at once.
            using var timerCancel = new CancellationTokenSource();
            var timer = wakeAt is { } due
                ? context.CreateTimer((firedEarly == due ? due.AddSeconds(1) : due).UtcDateTime, timerCancel.Token)
                : null;
            var winner = timer is null || nextEvent.IsCompleted ? nextEvent : await Task.WhenAny(nextEvent, timer);
            if (winner != nextEvent)
            {
                // Azure Storage timers fire up to 1 s early (whole-second queue visibility): only a timer whose due
                // time has come counts; an early one is armed again for the rest.
                if (context.CurrentUtcDateTime < wakeAt!.Value.UtcDateTime)
                {
                    firedEarly = wakeAt;
                    continue;
                }

                if (finished)
                {
                    continue;
                }

                (loop, var timerSignal) = loopDefinition.Fire(loop, nextTimer!.Value.TimerId);
                if (timerSignal is not null)
                {
                    loop = await ApplyAsync(context, definition, loop, timerSignal, logger);
                }

                continue;
            }

            timerCancel.Cancel();
            var eventJson = await nextEvent;
            nextEvent = null;
            if (Read<TSignal, TStart>(eventJson, context.InstanceId, logger) is not { } message)
            {
                continue;
            }

            if (finished && message.RestartWith is { } restart)
            {
                // A join for a conference that has ended: a new conference under the same name, joined at once.
                context.ContinueAsNew(
                    LifecycleJson.Serialize(new LifecycleInput<TStart, TState, TSignal> { Start = restart, Pending = [message.Signal] }),
                    preserveUnprocessedEvents: true);
                return;
            }

            loop = await ApplyAsync(context, definition, loop, message.Signal, logger);
        }

        context.ContinueAsNew(
            LifecycleJson.Serialize(new LifecycleInput<TStart, TState, TSignal> { Continued = loopDefinition.NewGeneration(loop) }),
            preserveUnprocessedEvents: true);
    }

    /// <summary>A signal that cannot be read is a poison message: logged and dropped, the lifecycle goes on.</summary>
    private static LifecycleMessage<TSignal, TStart>? Read<TSignal, TStart>(string json, string instanceId, ILogger logger)
    {
        try
        {
            return LifecycleJson.Deserialize<LifecycleMessage<TSignal, TStart>>(json);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            logger.LogWarning("lifecycle {InstanceId}: dropped an unreadable signal ({Reason})", instanceId, e.Message);
            return null;
        }
    }

    private static async Task<LifecycleLoopState<TState>> ApplyAsync<TState, TStart, TSignal>(
        TaskOrchestrationContext context, LifecycleDefinition<TState, TStart, TSignal> definition, LifecycleLoopState<TState> loop, TSignal signal, ILogger logger)
        where TSignal : class
    {
        (LifecycleLoopState<TState> Loop, IReadOnlyList<LifecycleEffect> Work) applied;
        try
        {
            applied = definition.Loop.Apply(loop, signal, context.CurrentUtcDateTime);
        }
        catch (Exception e)
        {
            // Lifecycles never throw by contract; if one does, this signal is dropped rather than the call stuck.
            logger.LogError(e, "lifecycle {InstanceId}: applying {Signal} failed; dropped", context.InstanceId, signal.GetType().Name);
            return loop;
        }

        return await RunWorkAsync(context, definition, applied.Loop, applied.Work, logger);
    }

    /// <summary>
    /// Runs the work of a step as one activity, then applies its answers at once, in order (their work runs next).
    /// When the activity keeps failing, the lifecycle is told once (it ends, reported); if that fails too, it is logged.
    /// </summary>
    private static async Task<LifecycleLoopState<TState>> RunWorkAsync<TState, TStart, TSignal>(
        TaskOrchestrationContext context, LifecycleDefinition<TState, TStart, TSignal> definition, LifecycleLoopState<TState> loop, IReadOnlyList<LifecycleEffect> work, ILogger logger)
        where TSignal : class
    {
        var failedOnce = false;
        while (work.Count > 0)
        {
            LifecycleStepResult result;
            try
            {
                // A call's loop state travels with a step that fetches a call flow (the one effect that answers): the
                // activity applies the answer and runs what follows itself (LifecycleStepChain). Conferences' never answer.
                var request = new LifecycleStepRequest(context.InstanceId, work)
                {
                    CallLoop = work.Any(effect => effect is FetchCallFlow) ? loop as LifecycleLoopState<CallState> : null,
                };
                var answer = await context.CallActivityAsync<string>(
                    LifecycleFunctionNames.RunLifecycleStep, LifecycleJson.Serialize(request), EffectRetries.Options);
                result = LifecycleJson.Deserialize<LifecycleStepResult>(answer);
            }
            catch (TaskFailedException e)
            {
                var reason = $"effects {string.Join(", ", work.Select(w => w.Id))} failed {EffectRetries.MaxAttempts} times: {e.FailureDetails.ErrorMessage}";
                logger.LogError("lifecycle {InstanceId}: {Reason}", context.InstanceId, reason);
                if (failedOnce)
                {
                    return loop;
                }

                failedOnce = true;
                (loop, work) = definition.Loop.Apply(loop, definition.EffectsFailed(reason), context.CurrentUtcDateTime);
                continue;
            }

            if (result.CallLoop is { } chained)
            {
                return (LifecycleLoopState<TState>)(object)chained;
            }

            // Answers the activity left to the orchestration (a step run before steps were chained, from history).
            var next = new List<LifecycleEffect>();
            foreach (var answer in result.Answers)
            {
                if (definition.Answer(answer) is { } signal)
                {
                    var applied = definition.Loop.Apply(loop, signal, context.CurrentUtcDateTime);
                    loop = applied.Loop;
                    next.AddRange(applied.Work);
                }
            }

            work = next;
        }

        return loop;
    }
}
