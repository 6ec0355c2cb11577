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
    private readonly object stopGate = new();
    private Task? stopping;

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

    /// <summary>
    /// Stops dispatching; <paramref name="graceful"/> waits for work items in flight. Every call returns the one stop
    /// in progress, so a caller that gave up waiting can still wait for it later (dispose does).
    /// </summary>
    public Task StopAsync(bool graceful)
    {
        lock (stopGate)
        {
            return stopping ??= worker.StopAsync(isForced: !graceful);
        }
    }

    /// <summary>
    /// Waits for the stop to finish (at most 15 s): a worker still stopping keeps renewing its partition leases, and a
    /// host started next on the same task hub would wait for them.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var stop = StopAsync(graceful: false);
        await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(15)));
        if (stop.IsCompleted)
        {
            worker.Dispose();
        }
    }
}
