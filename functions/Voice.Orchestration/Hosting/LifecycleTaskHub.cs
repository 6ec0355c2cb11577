using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;
using Voice.Engine.Lifecycles;

namespace Voice.Orchestration.Hosting;

/// <summary>
/// Hosts the lifecycle orchestrations and the step activity on DurableTask.Core's <see cref="TaskHubWorker"/> — the
/// dispatcher Durable Functions runs on — over any orchestration service (Azure Storage on Azurite in DevHost, memory
/// in fast tests). The functions are the ones the Functions app exposes, wrapped by the SDK's public shims, so replay,
/// retries and ContinueAsNew behave as under the Functions host.
/// </summary>
public sealed class LifecycleTaskHub : IAsyncDisposable
{
    /// <summary>The orchestrations this hub registers (each must exist as a function of the same name in the Functions app).</summary>
    public static IReadOnlyList<string> Orchestrations { get; } = [LifecycleFunctionNames.CallOrchestrator, LifecycleFunctionNames.ConferenceOrchestrator];

    /// <summary>The activities this hub registers.</summary>
    public static IReadOnlyList<string> Activities { get; } = [LifecycleFunctionNames.RunLifecycleStep];

    private readonly TaskHubWorker worker;
    private int stopped;

    private LifecycleTaskHub(TaskHubWorker worker)
    {
        this.worker = worker;
    }

    /// <summary>
    /// Registers the functions and starts dispatching. <paramref name="host"/> is what the step activity uses to start
    /// and signal other instances (a <see cref="DurableLifecycleHost"/> over a client of the same service);
    /// <paramref name="stopping"/> cancels running activities.
    /// </summary>
    public static async Task<LifecycleTaskHub> StartAsync(
        IOrchestrationService service,
        ILifecycleStepRunner activity,
        ILifecycleHost host,
        ILoggerFactory loggerFactory,
        CancellationToken stopping)
    {
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggerFactory);
        var worker = new TaskHubWorker(service, loggerFactory);
        worker.AddTaskOrchestrations(
            new DelegateObjectCreator<TaskOrchestration>(
                LifecycleFunctionNames.CallOrchestrator,
                () => shims.CreateOrchestration<string, string>(LifecycleFunctionNames.CallOrchestrator, LifecycleOrchestrations.RunCallAsync)),
            new DelegateObjectCreator<TaskOrchestration>(
                LifecycleFunctionNames.ConferenceOrchestrator,
                () => shims.CreateOrchestration<string, string>(LifecycleFunctionNames.ConferenceOrchestrator, LifecycleOrchestrations.RunConferenceAsync)));
        worker.AddTaskActivities(
            new DelegateObjectCreator<TaskActivity>(
                LifecycleFunctionNames.RunLifecycleStep,
                () => shims.CreateActivity<string, string>(
                    LifecycleFunctionNames.RunLifecycleStep, (_, input) => activity.RunAsync(input!, host, stopping)!)));
        await worker.StartAsync();
        return new LifecycleTaskHub(worker);
    }

    /// <summary>Stops dispatching; <paramref name="graceful"/> waits for work items in flight.</summary>
    public async Task StopAsync(bool graceful)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 0)
        {
            await worker.StopAsync(isForced: !graceful);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(graceful: false);
        worker.Dispose();
    }
}
