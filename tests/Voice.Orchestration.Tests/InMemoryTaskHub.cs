using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging.Abstractions;
using Voice.Orchestration.Hosting;

namespace Voice.Orchestration.Tests;

/// <summary>DurableTask.Core's real dispatcher over the in-memory orchestration service, hosting the lifecycle functions.</summary>
internal sealed class InMemoryTaskHub : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private LifecycleTaskHub hub = null!;

    private InMemoryTaskHub(InMemoryOrchestrationService service)
    {
        Client = new TaskHubDurableTaskClient(service);
        Host = new DurableLifecycleHost(Client);
    }

    public DurableTaskClient Client { get; }

    public DurableLifecycleHost Host { get; }

    public ScriptedStepRunner Runner { get; } = new();

    public static async Task<InMemoryTaskHub> StartAsync()
    {
        var service = new InMemoryOrchestrationService(NullLoggerFactory.Instance);
        var hub = new InMemoryTaskHub(service);
        hub.hub = await LifecycleTaskHub.StartAsync(service, hub.Runner, hub.Host, NullLoggerFactory.Instance, hub.stopping.Token);
        return hub;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await hub.DisposeAsync();
        stopping.Dispose();
    }
}
