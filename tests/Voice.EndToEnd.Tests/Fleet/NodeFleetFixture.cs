using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Voice.Core.Accounts;
using Voice.DevHost;
using Voice.Media.Contracts.Nodes;
using Voice.Storage;
using Voice.Testing;

namespace Voice.EndToEnd.Tests.Fleet;

/// <summary>
/// DevHost with two media-nodes (<c>node-a</c>, <c>node-b</c>) as child processes on one Azurite, heartbeating every
/// second; a node is declared lost after <see cref="LostAfter"/> without one. Tests may kill and restart a node.
/// </summary>
public sealed class NodeFleetFixture : IAsyncLifetime
{
    public const string Number = "+15550100001";
    public const string AccountId = "ACfleet";
    public static readonly TimeSpan LostAfter = TimeSpan.FromSeconds(6);

    private readonly AzuriteFixture azurite = new();
    private readonly Dictionary<string, FleetNode> nodes = new(StringComparer.Ordinal);
    private WebApplication? app;

    public HttpClient Http { get; } = new();

    public string Key { get; private set; } = "";

    public IServiceProvider Services => app!.Services;

    public IReadOnlyDictionary<string, FleetNode> Nodes => nodes;

    public MediaNodeRegistry Registry => Services.GetRequiredService<MediaNodeRegistry>();

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        var apiPort = FreePorts.Next();
        app = DevHostApplication.Build(["--urls", $"http://127.0.0.1:{apiPort}"], builder =>
        {
            builder.Configuration["VoiceStorage"] = azurite.ConnectionString;
            builder.Configuration["MediaNodes:LostAfter"] = LostAfter.ToString();
            builder.Configuration["MediaNodes:SweepInterval"] = "00:00:01";
            builder.Configuration["MediaNodes:RegistryCacheFor"] = "00:00:00";
            builder.Logging.ClearProviders();
        });
        await StorageBootstrap.EnsureCreatedAsync(app.Services.GetRequiredService<StorageClients>());
        var now = DateTimeOffset.UtcNow;
        await app.Services.GetRequiredService<AccountRepository>().UpsertAsync(new AccountRecord { Id = AccountId, Name = "fleet", AllowPrivateWebhooks = true, CreatedAt = now });
        await app.Services.GetRequiredService<PhoneNumberRepository>().UpsertAsync(new PhoneNumberRecord { AccountId = AccountId, Number = Number, CreatedAt = now });
        Key = await app.Services.GetRequiredService<ApiKeyRepository>().CreateAsync(AccountId, "fleet", now);
        await app.StartAsync();
        Http.BaseAddress = new Uri($"http://127.0.0.1:{apiPort}/v1/voice/");
        await Task.WhenAll(StartNodeAsync("node-a"), StartNodeAsync("node-b"));
    }

    /// <summary>Starts (or restarts: a new incarnation) the node <paramref name="id"/> and waits until it is healthy, so registered.</summary>
    public async Task<FleetNode> StartNodeAsync(string id)
    {
        var sipPort = FreePorts.Next();
        var healthPort = FreePorts.Next();
        var rtp = FreePorts.NextBlock(40);
        var process = MediaNodeProcess.Start(
            RepositoryRoot.Path,
            new Dictionary<string, string>
            {
                ["VoiceStorage"] = azurite.ConnectionString,
                ["MediaNode:Node:Id"] = id,
                ["MediaNode:Node:HeartbeatSeconds"] = "1",
                ["MediaNode:Sip:ListenAddress"] = $"127.0.0.1:{sipPort}",
                ["MediaNode:Rtp:PortMin"] = rtp.ToString(),
                ["MediaNode:Rtp:PortMax"] = (rtp + 39).ToString(),
                ["MediaNode:HealthPort"] = healthPort.ToString(),
                ["Logging:LogLevel:Default"] = "Warning",
            },
            TextWriter.Null);
        var node = new FleetNode(id, process, sipPort, healthPort);
        lock (nodes)
        {
            nodes[id] = node;
        }

        await process.WaitUntilHealthyAsync(healthPort, TimeSpan.FromSeconds(120));
        return node;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        try
        {
            foreach (var node in nodes.Values)
            {
                await node.Process.DisposeAsync();
            }

            if (app is not null)
            {
                using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await app.StopAsync(stopping.Token);
                await app.DisposeAsync();
            }
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-API-Key", Key);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return await Http.SendAsync(request);
    }

    public async Task<string> PlaceCallAsync(string json)
    {
        using var response = await SendAsync(HttpMethod.Post, "calls", json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public async Task<string?> StatusAsync(string id)
    {
        using var response = await SendAsync(HttpMethod.Get, $"calls/{id}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString();
    }

    public Task CallReachesAsync(string id, string status, int timeoutSeconds = 60) =>
        Eventually.ReturnsAsync(async () => await StatusAsync(id) == status ? "ok" : null, $"call {id} to be {status}", timeoutSeconds);

    /// <summary>The node the platform placed call <paramref name="id"/> on.</summary>
    public async Task<MediaNodeAddress> NodeOfAsync(string id) =>
        (await Services.GetRequiredService<CallRepository>().FindAsync(AccountId, id))!.Node!;
}

/// <summary>One media-node process of the fleet.</summary>
public sealed record FleetNode(string Id, MediaNodeProcess Process, int SipPort, int HealthPort);

[CollectionDefinition(Name)]
public sealed class NodeFleetCollection : ICollectionFixture<NodeFleetFixture>
{
    public const string Name = "node-fleet";
}
