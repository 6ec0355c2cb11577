using Voice.Engine.Lifecycles;

namespace Voice.Orchestration;

/// <summary>What the <see cref="LifecycleFunctionNames.RunLifecycleStep"/> activity runs: a <see cref="LifecycleStepRequest"/> in, a <see cref="LifecycleStepResult"/> out (JSON).</summary>
public interface ILifecycleStepRunner
{
    Task<string> RunAsync(string requestJson, ILifecycleHost host, CancellationToken cancellationToken);
}
