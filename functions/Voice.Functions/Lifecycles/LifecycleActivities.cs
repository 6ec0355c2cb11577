using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Voice.Core.Lifecycles;
using Voice.Engine.Lifecycles;

namespace Voice.Functions.Lifecycles;

/// <summary>Runs one lifecycle effect with the shared runner (the same code DevHost runs).</summary>
public sealed class LifecycleActivities(LifecycleEffectRunner runner)
{
    [Function(nameof(RunEffect))]
    public async Task<string?> RunEffect([ActivityTrigger] string effectJson, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var answer = await runner.RunAsync(LifecycleJson.Deserialize<LifecycleEffect>(effectJson), new DurableLifecycleHost(durable), cancellationToken);
        return answer is null ? null : LifecycleJson.Serialize(answer);
    }
}
