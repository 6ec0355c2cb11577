using Voice.Core.Lifecycles;

namespace Voice.Orchestration;

/// <summary>
/// Runs a step's effects in order and, for a call whose request carries its loop state, applies what they answer (a
/// fetched call flow) and runs the work that follows — until nothing answers — in the same activity. An inbound call's
/// setup (answer webhook, then the answer and talk commands) and a gather's next prompt (eventUrl, then the talk)
/// thus take one activity, not two: one orchestration episode and two queue hops fewer, each a poll on an idle queue.
/// Applying a lifecycle is deterministic and its result is recorded as the activity's output, so replays see the
/// same state. The apply uses the activity's clock, as the orchestration would use its episode's time. A failure
/// fails the whole chain; Durable retries it from the start (effects are idempotent, the fetch is repeated).
/// </summary>
public static class LifecycleStepChain
{
    public static async Task<LifecycleStepResult> RunAsync(
        LifecycleStepRequest request, Func<LifecycleEffect, Task<CallSignal?>> run, TimeProvider clock)
    {
        var answers = await RunEffectsAsync(request.Effects, run);
        if (request.CallLoop is not { } loop || answers.Count == 0)
        {
            return new LifecycleStepResult(answers);
        }

        var definition = LifecycleDefinitions.Call;
        while (answers.Count > 0)
        {
            var work = new List<LifecycleEffect>();
            foreach (var answer in answers)
            {
                if (definition.Answer(answer) is { } signal)
                {
                    var applied = definition.Loop.Apply(loop, signal, clock.GetUtcNow());
                    loop = applied.Loop;
                    work.AddRange(applied.Work);
                }
            }

            answers = await RunEffectsAsync(work, run);
        }

        return new LifecycleStepResult([]) { CallLoop = loop };
    }

    private static async Task<List<CallSignal>> RunEffectsAsync(IReadOnlyList<LifecycleEffect> effects, Func<LifecycleEffect, Task<CallSignal?>> run)
    {
        var answers = new List<CallSignal>();
        foreach (var effect in effects)
        {
            if (await run(effect) is { } answer)
            {
                answers.Add(answer);
            }
        }

        return answers;
    }
}
