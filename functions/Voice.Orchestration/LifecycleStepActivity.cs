using Voice.Core.Lifecycles;
using Voice.Engine.Lifecycles;

namespace Voice.Orchestration;

/// <summary>
/// The <see cref="LifecycleFunctionNames.RunLifecycleStep"/> activity: runs a step's effects in order with the shared
/// <see cref="LifecycleEffectRunner"/> — and for a call the steps its answers lead to (<see cref="LifecycleStepChain"/>).
/// One activity per step, not per effect: each activity costs two queue hops, and a step has several effects (save,
/// event, callback, command). A failure fails the whole step, which Durable retries (effects are idempotent).
/// </summary>
public sealed class LifecycleStepActivity(LifecycleEffectRunner runner, TimeProvider clock) : ILifecycleStepRunner
{
    public async Task<string> RunAsync(string requestJson, ILifecycleHost host, CancellationToken cancellationToken)
    {
        var request = LifecycleJson.Deserialize<LifecycleStepRequest>(requestJson);
        var result = await LifecycleStepChain.RunAsync(request, effect => runner.RunAsync(effect, host, cancellationToken), clock);
        return LifecycleJson.Serialize(result);
    }
}
