using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Voice.Orchestration;
using Voice.Orchestration.Hosting;
using Voice.Storage;

namespace Voice.DevHost.Lifecycles;

/// <summary>
/// DevHost's Durable engine: the Azure Storage orchestration service (the backend Durable Functions uses by default)
/// on the product's storage — Azurite locally — with the lifecycle functions on DurableTask.Core's dispatcher, as
/// Functions Core Tools would run them. Instances survive a restart in the task hub: a DevHost started again picks
/// its calls up where they were.
/// </summary>
public sealed class DevHostTaskHub : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(2);
    private readonly AzureStorageOrchestrationService service;
    private readonly ILifecycleStepRunner activity;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger<DevHostTaskHub> logger;
    private readonly CancellationTokenSource stopping = new();
    private LifecycleTaskHub? hub;
    private int disposed;

    public DevHostTaskHub(IConfiguration configuration, ILifecycleStepRunner activity, ILoggerFactory loggerFactory, ILogger<DevHostTaskHub> logger)
    {
        var settings = DurableSettings.From(configuration);
        service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = ClientProvider(configuration),
            TaskHubName = settings.TaskHubName,
            PartitionCount = settings.PartitionCount,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(settings.MaxQueuePollingIntervalMs),
            ExtendedSessionsEnabled = settings.ExtendedSessions,
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(settings.ExtendedSessionIdleSeconds),
            MaxConcurrentTaskOrchestrationWorkItems = settings.MaxConcurrentOrchestrations,
            MaxConcurrentTaskActivityWorkItems = settings.MaxConcurrentActivities,
            ThrowExceptionOnInvalidDedupeStatus = true,

            // Partition leases in a table, short-lived: a DevHost started right after another stopped (or died) takes
            // the partitions over within seconds rather than the 30 s of blob leases.
            UseTablePartitionManagement = true,

            // A stopped DevHost leaves the messages it had dequeued invisible until their visibility timeout: 5 min by
            // default, so a restarted DevHost would not see a call's next step for minutes. Activities renew their lock.
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
            LeaseInterval = TimeSpan.FromSeconds(settings.LeaseSeconds),
            LeaseRenewInterval = TimeSpan.FromSeconds(Math.Max(1, settings.LeaseSeconds / 3)),
            LeaseAcquireInterval = TimeSpan.FromSeconds(Math.Max(1, settings.LeaseSeconds / 3)),
            UseInstanceTableEtag = true,
            LoggerFactory = loggerFactory,
        });
        Client = new TaskHubDurableTaskClient(service);
        this.activity = activity;
        this.loggerFactory = loggerFactory;
        this.logger = logger;
    }

    /// <summary>A client of the task hub; usable before the worker starts (starts and events wait in its queues).</summary>
    public DurableTaskClient Client { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await service.CreateIfNotExistsAsync();
        hub = await LifecycleTaskHub.StartAsync(service, activity, new DurableLifecycleHost(Client), loggerFactory, stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Forced: nothing is lost (unfinished work items are picked up again by the next start), and a graceful stop
        // would wait for extended sessions to idle out.
        await stopping.CancelAsync();
        if (hub is not null)
        {
            var stop = hub.StopAsync(graceful: false);
            if (await Task.WhenAny(stop, Task.Delay(StopBudget, CancellationToken.None)) != stop)
            {
                logger.LogWarning("the Durable worker did not stop within {Budget}; leaving it", StopBudget);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The container may dispose it twice (as itself and as a hosted service).
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync();
        if (hub is not null)
        {
            await hub.DisposeAsync();
        }

        stopping.Dispose();
    }

    private static StorageAccountClientProvider ClientProvider(IConfiguration configuration)
    {
        var connectionString = configuration[StorageClients.ConnectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new StorageAccountClientProvider(connectionString);
        }

        var section = configuration.GetSection(StorageClients.ConnectionName);
        return new StorageAccountClientProvider(
            new Uri(section["blobServiceUri"] ?? throw MissingSetting("blobServiceUri")),
            new Uri(section["queueServiceUri"] ?? throw MissingSetting("queueServiceUri")),
            new Uri(section["tableServiceUri"] ?? throw MissingSetting("tableServiceUri")),
            new Azure.Identity.DefaultAzureCredential());
    }

    private static InvalidOperationException MissingSetting(string name) =>
        new($"Storage is not configured: set '{StorageClients.ConnectionName}' or '{StorageClients.ConnectionName}__{name}'.");
}
