using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Voice.Core.Accounts;
using Voice.DevHost;
using Voice.Storage;
using Voice.Testing;

namespace Voice.EndToEnd.Tests;

/// <summary>
/// The whole product as DevHost runs it: a real Azurite, the DevHost application (API, lifecycles, event delivery)
/// and the media-node as a child process on the same queues, with its SIP port on loopback. The node's SIP trunk
/// (for E.164 destinations) is <see cref="TrunkPort"/> with digest credentials: a test that dials a number starts
/// its own <see cref="Kamailio"/> there; sip: destinations are dialled directly as before. Every engine event also
/// reaches <see cref="Events"/> through a DevHost local subscription. Set <c>VOICE_E2E_NODE_LOG</c> to a file path
/// to keep the node's debug log there.
/// </summary>
public sealed class ProductFixture : IAsyncLifetime
{
    public const string Number = "+15550100001";
    public const string AccountId = "ACe2e";
    public const string TrunkRealm = "trunk.e2e.test";
    public const string TrunkUsername = "voice-node";
    public const string TrunkPassword = "trunk-secret-17";

    private readonly AzuriteFixture azurite = new();
    private WebApplication? app;
    private MediaNodeProcess? node;
    private TextWriter? nodeLog;

    public HttpClient Http { get; } = new();

    public string Key { get; private set; } = "";

    public int NodeSipPort { get; } = FreePorts.Next();

    /// <summary>Where the node's SIP trunk is: nothing listens there until a test starts a Kamailio on it.</summary>
    public int TrunkPort { get; } = FreePorts.Next();

    /// <summary>Every event the engine publishes, delivered as to a customer's own subscription (all types).</summary>
    public WebhookReceiver Events { get; private set; } = null!;

    public IServiceProvider Services => app!.Services;

    public string StorageConnectionString => azurite.ConnectionString;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        Events = await WebhookReceiver.StartAsync();
        var apiPort = FreePorts.Next();
        var healthPort = FreePorts.Next();
        var rtp = FreePorts.NextBlock(40);
        // Event settings go in as arguments: AddVoiceEvents reads them while the services are registered.
        string[] args = ["--urls", $"http://127.0.0.1:{apiPort}", "--LocalEventGrid:Subscriptions:0:Name=e2e-events", $"--LocalEventGrid:Subscriptions:0:Endpoint={Events.Url}"];
        app = DevHostApplication.Build(args, builder =>
        {
            builder.Configuration["VoiceStorage"] = azurite.ConnectionString;
            builder.Logging.ClearProviders();

            // Opt-in host log for debugging a failing run: VOICE_E2E_HOST_LOG=<file> (information and up).
            if (Environment.GetEnvironmentVariable("VOICE_E2E_HOST_LOG") is { Length: > 0 } hostLog)
            {
                Console.SetOut(TextWriter.Synchronized(new StreamWriter(hostLog) { AutoFlush = true }));
                builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information);
            }
        });
        await StorageBootstrap.EnsureCreatedAsync(app.Services.GetRequiredService<StorageClients>());
        var now = DateTimeOffset.UtcNow;
        await app.Services.GetRequiredService<AccountRepository>().UpsertAsync(new AccountRecord { Id = AccountId, Name = "e2e", AllowPrivateWebhooks = true, CreatedAt = now });
        await SetAnswerUrlAsync(null);
        Key = await app.Services.GetRequiredService<ApiKeyRepository>().CreateAsync(AccountId, "e2e", now);
        nodeLog = Environment.GetEnvironmentVariable("VOICE_E2E_NODE_LOG") is { Length: > 0 } logFile
            ? TextWriter.Synchronized(new StreamWriter(logFile) { AutoFlush = true })
            : null;
        node = MediaNodeProcess.Start(
            RepositoryRoot.Path,
            new Dictionary<string, string>
            {
                ["VoiceStorage"] = azurite.ConnectionString,
                ["MediaNode:Sip:ListenAddress"] = $"127.0.0.1:{NodeSipPort}",
                ["MediaNode:Rtp:PortMin"] = rtp.ToString(),
                ["MediaNode:Rtp:PortMax"] = (rtp + 39).ToString(),
                ["MediaNode:HealthPort"] = healthPort.ToString(),

                // Short, so the media-timeout test runs in seconds; every other test's phones send RTP all along.
                ["MediaNode:Media:InactivityTimeoutSeconds"] = "6",
                ["MediaNode:Trunk:Uri"] = $"sip:127.0.0.1:{TrunkPort};transport=udp",
                ["MediaNode:Trunk:Username"] = TrunkUsername,
                ["MediaNode:Trunk:Password"] = TrunkPassword,
                ["MediaNode:AllowPrivateTargets"] = "true",
                ["Logging:LogLevel:Default"] = nodeLog is null ? "Warning" : "Debug",
            },
            nodeLog ?? TextWriter.Null);
        await app.StartAsync();
        Http.BaseAddress = new Uri($"http://127.0.0.1:{apiPort}/v1/voice/");
        await node.WaitUntilHealthyAsync(healthPort, TimeSpan.FromSeconds(120));
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        try
        {
            if (node is not null)
            {
                await node.DisposeAsync();
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
            nodeLog?.Dispose();
            if (Events is not null)
            {
                await Events.DisposeAsync();
            }

            await azurite.DisposeAsync();
        }
    }

    /// <summary>Points the account's number at an answer URL for inbound calls (null: none).</summary>
    public Task SetAnswerUrlAsync(string? answerUrl, string? eventUrl = null) =>
        app!.Services.GetRequiredService<PhoneNumberRepository>().UpsertAsync(
            new PhoneNumberRecord { AccountId = AccountId, Number = Number, AnswerUrl = answerUrl, EventUrl = eventUrl, CreatedAt = DateTimeOffset.UtcNow });

    public async Task<string> PlaceCallAsync(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "calls") { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-API-Key", Key);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-API-Key", Key);
        using var response = await Http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>A successful GET's body as bytes (e.g. a recording's audio; a path starting with / is from the host root).</summary>
    public async Task<byte[]> GetBytesAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-API-Key", Key);
        using var response = await Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    public async Task<HttpResponseMessage> DeleteAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.Add("X-API-Key", Key);
        return await Http.SendAsync(request);
    }

    /// <summary>
    /// The inbound call whose answer URL <paramref name="webhooks"/> served at <paramref name="path"/> (its call_id is
    /// in the query of a GET, in the body of a POST), once it is completed; checks it is inbound.
    /// </summary>
    public async Task<JsonElement> CompletedInboundCallAsync(WebhookReceiver webhooks, string path)
    {
        await webhooks.WaitForAsync(w => w.Requests.Any(r => r.Path == path), $"the answer URL {path} to be fetched");
        var answer = webhooks.Requests.First(r => r.Path == path);
        var id = answer.Method == "GET"
            ? System.Web.HttpUtility.ParseQueryString(answer.Query)["call_id"]!
            : JsonDocument.Parse(answer.BodyText).RootElement.GetProperty("call_id").GetString()!;
        var call = await CallReachesAsync(id, "completed");
        Assert.Equal("inbound", call.GetProperty("direction").GetString());
        return call;
    }

    /// <summary>The events published about call <paramref name="id"/> so far, in sequence order.</summary>
    public IReadOnlyList<Azure.Messaging.CloudEvent> EventsOf(string id) =>
        [.. Events.Requests.Where(r => r.Subject == $"/calls/{id}").OrderBy(r => r.Sequence).Select(r => r.Event!)];

    /// <summary>Waits for the call to reach <paramref name="status"/> and returns it; the timeout names what GET last returned.</summary>
    public async Task<JsonElement> CallReachesAsync(string id, string status, int timeoutSeconds = 60)
    {
        var last = default(JsonElement);
        try
        {
            return (await Eventually.ReturnsAsync(
                async () => (last = await GetAsync($"calls/{id}")).TryGetProperty("status", out var s) && s.GetString() == status ? new[] { last } : null,
                $"call {id} to be {status}",
                timeoutSeconds))[0];
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; GET calls/{id} last returned {last}", e);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ProductCollection : ICollectionFixture<ProductFixture>
{
    public const string Name = "product";
}
