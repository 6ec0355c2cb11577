using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Voice.Orchestration;

namespace Voice.Functions.Lifecycles;

/// <summary>The step activity: the shared <see cref="LifecycleStepActivity"/> with this invocation's Durable client.</summary>
public sealed class LifecycleActivities(LifecycleStepActivity activity)
{
    [Function(LifecycleFunctionNames.RunLifecycleStep)]
    public Task<string> RunLifecycleStep([ActivityTrigger] string request, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        activity.RunAsync(request, new DurableLifecycleHost(durable), cancellationToken);
}
