using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Voice.Bench.Latency;
using Voice.Core.Accounts;
using Voice.DevHost;
using Voice.Media.Contracts.Nodes;
using Voice.Storage;
using Voice.Testing;

namespace Voice.Bench.Fleet;

/// <summary>
/// The product with a fleet of its own: an Azurite of the bench's, DevHost in this process with the fleet settings of
/// production (node lost after 15 s, sweep every 5 s, registry cached 2 s), two media-nodes as child processes
/// (<c>node-a</c>, <c>node-b</c>, heartbeat every 5 s, 200 RTP ports each), a sipp answering every call, and a status
/// callback receiver that stamps each callback's arrival (<see cref="ArrivalOf"/>).
/// </summary>
internal sealed class FleetStack : IAsyncDisposable
{
    public const string AccountId = "ACbenchfleet";
    public const string Number = "+15550100001";

    private readonly BenchAzurite azurite;
    private readonly WebApplication app;
    private readonly Dictionary<string, MediaNodeProcess> nodes;
    private readonly HttpClient http;
    private readonly string key;

    private readonly ConcurrentDictionary<string, long> arrivals;

    private FleetStack(BenchAzurite azurite, WebApplication app, Dictionary<string, MediaNodeProcess> nodes, SippAnswerer sipp, WebhookReceiver callbacks, ConcurrentDictionary<string, long> arrivals, HttpClient http, string key)
    {
        this.arrivals = arrivals;
        this.azurite = azurite;
        this.app = app;
        this.nodes = nodes;
        Sipp = sipp;
        Callbacks = callbacks;
        this.http = http;
        this.key = key;
    }

    public SippAnswerer Sipp { get; }

    public WebhookReceiver Callbacks { get; }

    public string CallbackUrl(string tag) => $"http://127.0.0.1:{Callbacks.Port}/status/{tag}";

    public static async Task<FleetStack> StartAsync(string root, CancellationToken cancellationToken)
    {
        var azurite = await BenchAzurite.StartAsync(root, cancellationToken);
        var nodes = new Dictionary<string, MediaNodeProcess>(StringComparer.Ordinal);
        WebApplication? app = null;
        try
        {
            var apiPort = Ports.Free();
            app = DevHostApplication.Build(["--urls", $"http://127.0.0.1:{apiPort}"], builder =>
            {
                builder.Configuration["VoiceStorage"] = azurite.ConnectionString;
                builder.Configuration["MediaNodes:RegistryCacheFor"] = "00:00:02";
                builder.Logging.ClearProviders(); // the bench prints its own figures; failures are counted, not logged
            });
            await StorageBootstrap.EnsureCreatedAsync(app.Services.GetRequiredService<StorageClients>(), cancellationToken);
            var now = DateTimeOffset.UtcNow;
            await app.Services.GetRequiredService<AccountRepository>().UpsertAsync(new AccountRecord { Id = AccountId, Name = "bench fleet", AllowPrivateWebhooks = true, CreatedAt = now }, cancellationToken);
            await app.Services.GetRequiredService<PhoneNumberRepository>().UpsertAsync(new PhoneNumberRecord { AccountId = AccountId, Number = Number, CreatedAt = now }, cancellationToken);
            var key = await app.Services.GetRequiredService<ApiKeyRepository>().CreateAsync(AccountId, "bench", now, cancellationToken);
            await app.StartAsync(cancellationToken);
            foreach (var id in new[] { "node-a", "node-b" })
            {
                var healthPort = Ports.Free();
                var rtp = FreePorts.NextBlock(200);
                nodes[id] = MediaNodeProcess.Start(
                    root,
                    new Dictionary<string, string>
                    {
                        ["VoiceStorage"] = azurite.ConnectionString,
                        ["MediaNode:Node:Id"] = id,
                        ["MediaNode:Sip:ListenAddress"] = $"127.0.0.1:{Ports.Free()}",
                        ["MediaNode:Rtp:PortMin"] = rtp.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["MediaNode:Rtp:PortMax"] = (rtp + 199).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["MediaNode:HealthPort"] = healthPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["Logging:LogLevel:Default"] = "Error",
                    },
                    TextWriter.Null);
                await nodes[id].WaitUntilHealthyAsync(healthPort, TimeSpan.FromSeconds(120), cancellationToken);
            }

            var sipp = await SippAnswerer.StartAsync();
            var arrivals = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            var callbacks = await WebhookReceiver.StartAsync((request, response) =>
            {
                if (request.Method == "POST" && request.Path.StartsWith("/status/", StringComparison.Ordinal))
                {
                    var status = JsonDocument.Parse(request.BodyText).RootElement.GetProperty("data").GetProperty("status").GetString();
                    arrivals.TryAdd($"{request.Path["/status/".Length..]}/{status}", Stopwatch.GetTimestamp());
                }

                return WebhookReceiver.DefaultReply(request, response);
            });
            var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}/v1/voice/") };
            return new FleetStack(azurite, app, nodes, sipp, callbacks, arrivals, http, key);
        }
        catch
        {
            foreach (var node in nodes.Values)
            {
                await node.DisposeAsync();
            }

            if (app is not null)
            {
                await app.DisposeAsync();
            }

            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>The arrival time (<see cref="Stopwatch.GetTimestamp"/>) of <paramref name="tag"/>'s callback with <paramref name="status"/>, if it came.</summary>
    public long? ArrivalOf(string tag, string status) => arrivals.TryGetValue($"{tag}/{status}", out var at) ? at : null;

    public void Kill(string nodeId) => nodes[nodeId].Kill();

    /// <summary>The processes whose memory the soak reports: DevHost (this process), each node, Azurite.</summary>
    public IReadOnlyDictionary<string, int> Processes() =>
        new Dictionary<string, int>(nodes.Select(n => KeyValuePair.Create(n.Key, n.Value.Id)), StringComparer.Ordinal)
        {
            ["DevHost"] = Environment.ProcessId,
            ["Azurite"] = azurite.ProcessId,
        };

    /// <summary>Calls the nodes' call index still lists as live (after a quiet period: stranded ones).</summary>
    public async Task<int> IndexedLiveCallsAsync(CancellationToken cancellationToken)
    {
        var index = app.Services.GetRequiredService<NodeCallIndex>();
        var count = 0;
        foreach (var id in nodes.Keys)
        {
            count += (await index.ListAsync(id, cancellationToken: cancellationToken)).Count;
        }

        return count;
    }

    /// <summary>POST /calls to sipp as user <paramref name="tag"/>, status callbacks tagged with it; the call id, or null with the status printed.</summary>
    public async Task<string?> PlaceCallAsync(string tag, CancellationToken cancellationToken)
    {
        var json = $$"""{"to":"{{Sipp.Uri(tag)}}","from":"{{Number}}","status_callback":"{{CallbackUrl(tag)}}"}""";
        using var response = await SendAsync(HttpMethod.Post, "calls", json, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"  POST /calls {(int)response.StatusCode}: {body}");
            return null;
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString();
    }

    public async Task<bool> HangUpAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"calls/{id}", null, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    /// <summary>The node run call <paramref name="id"/> was placed on.</summary>
    public async Task<MediaNodeAddress?> NodeOfAsync(string id, CancellationToken cancellationToken) =>
        (await app.Services.GetRequiredService<CallRepository>().FindAsync(AccountId, id, cancellationToken))?.Node;

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await Callbacks.DisposeAsync();
        await Sipp.DisposeAsync();
        foreach (var node in nodes.Values)
        {
            await node.DisposeAsync();
        }

        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
        await azurite.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-API-Key", key);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return await http.SendAsync(request, cancellationToken);
    }
}
