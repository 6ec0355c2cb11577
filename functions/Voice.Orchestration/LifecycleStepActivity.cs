using Voice.Core.Lifecycles;
using Voice.Engine.Lifecycles;

namespace Voice.Orchestration;

/// <summary>
/// The <see cref="LifecycleFunctionNames.RunLifecycleStep"/> activity: runs a step's effects in order with the shared
/// <see cref="LifecycleEffectRunner"/> and returns their answers. One activity per step, not per effect: each
/// activity costs two queue hops, and a step has several effects (save, event, callback, command). A failure fails
/// the whole step, which Durable retries (effects are idempotent).
/// </summary>
public sealed class LifecycleStepActivity(LifecycleEffectRunner runner) : ILifecycleStepRunner
{
    public async Task<string> RunAsync(string requestJson, ILifecycleHost host, CancellationToken cancellationToken)
    {
        var request = LifecycleJson.Deserialize<LifecycleStepRequest>(requestJson);
        var answers = new List<CallSignal>();
        foreach (var effect in request.Effects)
        {
            if (await runner.RunAsync(effect, host, cancellationToken) is { } answer)
            {
                answers.Add(answer);
            }
        }

        return LifecycleJson.Serialize(new LifecycleStepResult(answers));
    }
}
