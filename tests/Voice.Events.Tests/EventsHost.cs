using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Voice.Events.Delivery;
using Voice.Events.Publishing;
using Voice.Testing;

namespace Voice.Events.Tests;

/// <summary>
/// A host with <c>AddVoiceEvents</c> over a real Azurite, as DevHost runs it: fast retries (scale 0.001),
/// private targets allowed unless a test says otherwise.
/// </summary>
internal sealed class EventsHost : IAsyncDisposable
{
    public const string SigningKey = "test-master-key";

    private readonly IHost host;
    private readonly AzuriteFixture azurite;
    private bool crashed;

    private EventsHost(IHost host, AzuriteFixture azurite)
    {
        this.host = host;
        this.azurite = azurite;
    }

    public IServiceProvider Services => host.Services;

    public IVoiceEventPublisher Publisher => host.Services.GetRequiredService<IVoiceEventPublisher>();

    public EventDeliveryService Delivery => host.Services.GetRequiredService<EventDeliveryService>();

    public static async Task<EventsHost> StartAsync(
        AzuriteFixture azurite,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        bool keepPending = false)
    {
        if (!keepPending)
        {
            await ForgetPendingAsync(azurite);
        }

        var configuration = new Dictionary<string, string?>
        {
            ["VoiceStorage"] = azurite.ConnectionString,
            ["Webhooks:SigningKey"] = SigningKey,
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["LocalEventGrid:RetryScale"] = "0.001",
            ["LocalEventGrid:MaxDeliveryAttempts"] = "5",
            ["LocalEventGrid:AttemptTimeoutSeconds"] = "5",
            ["LocalEventGrid:LaneLeaseSeconds"] = "2",
            ["LocalEventGrid:LaneScanSeconds"] = "0.2",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddLogging();
        services?.Invoke(builder.Services);
        builder.Services.AddVoiceEvents(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new EventsHost(host, azurite);
    }

    /// <summary>Deletes deliveries earlier tests left pending, so each test starts from an empty table.</summary>
    private static async Task ForgetPendingAsync(AzuriteFixture azurite)
    {
        var table = azurite.Tables.GetTableClient(DeliveryStore.TableName);
        await table.CreateIfNotExistsAsync();
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }
    }

    /// <summary>Waits until nothing is pending (delivered or dead-lettered).</summary>
    public Task DrainedAsync() => Eventually.HoldsAsync(() => Delivery.PendingCount == 0, "all deliveries finished");

    /// <summary>Waits until the delivery table is empty: every delivery finished and every lane's lease released.</summary>
    public static Task StorageDrainedAsync(AzuriteFixture azurite) => Eventually.HoldsAsync(
        () => !azurite.Tables.GetTableClient(DeliveryStore.TableName).Query<TableEntity>(select: ["PartitionKey"]).Any(),
        "the delivery table empty");

    /// <summary>
    /// Stops the host as a crash would: the shutdown is out of time at once, so leases are not handed over, attempts
    /// in flight are abandoned and rows stay as they are.
    /// </summary>
    public async Task CrashAsync()
    {
        await host.StopAsync(new CancellationToken(canceled: true));
        host.Dispose();
        crashed = true;
    }

    /// <summary>The dead-letter record of the event with <paramref name="eventId"/>, once it exists.</summary>
    public Task<JsonObject> DeadLetterAsync(string eventId) => Eventually.ReturnsAsync(
        async () =>
        {
            var container = azurite.Blobs.GetBlobContainerClient(DeadLetterStore.ContainerName);
            if (!await container.ExistsAsync())
            {
                return null;
            }

            await foreach (var blob in container.GetBlobsAsync())
            {
                var content = await container.GetBlobClient(blob.Name).DownloadContentAsync();
                var record = JsonNode.Parse(content.Value.Content.ToString())!.AsObject();
                if ((string?)record["event"]?["id"] == eventId)
                {
                    return record;
                }
            }

            return null;
        },
        "dead-letter record of " + eventId);

    public async ValueTask DisposeAsync()
    {
        if (crashed)
        {
            return;
        }

        await host.StopAsync();
        host.Dispose();
    }
}
