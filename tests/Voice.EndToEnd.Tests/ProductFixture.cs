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
/// and the media-node as a child process on the same queues, with its SIP port on loopback.
/// </summary>
public sealed class ProductFixture : IAsyncLifetime
{
    public const string Number = "+15550100001";
    public const string AccountId = "ACe2e";

    private readonly AzuriteFixture azurite = new();
    private WebApplication? app;
    private MediaNodeProcess? node;

    public HttpClient Http { get; } = new();

    public string Key { get; private set; } = "";

    public int NodeSipPort { get; } = FreePorts.Next();

    public IServiceProvider Services => app!.Services;

    public string StorageConnectionString => azurite.ConnectionString;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        var apiPort = FreePorts.Next();
        var healthPort = FreePorts.Next();
        var rtp = FreePorts.NextBlock(40);
        app = DevHostApplication.Build(["--urls", $"http://127.0.0.1:{apiPort}"], builder =>
        {
            builder.Configuration["VoiceStorage"] = azurite.ConnectionString;
            builder.Logging.ClearProviders();
        });
        await StorageBootstrap.EnsureCreatedAsync(app.Services.GetRequiredService<StorageClients>());
        var now = DateTimeOffset.UtcNow;
        await app.Services.GetRequiredService<AccountRepository>().UpsertAsync(new AccountRecord { Id = AccountId, Name = "e2e", AllowPrivateWebhooks = true, CreatedAt = now });
        await SetAnswerUrlAsync(null);
        Key = await app.Services.GetRequiredService<ApiKeyRepository>().CreateAsync(AccountId, "e2e", now);
        node = MediaNodeProcess.Start(
            RepositoryRoot.Path,
            new Dictionary<string, string>
            {
                ["VoiceStorage"] = azurite.ConnectionString,
                ["MediaNode:Sip:ListenAddress"] = $"127.0.0.1:{NodeSipPort}",
                ["MediaNode:Rtp:PortMin"] = rtp.ToString(),
                ["MediaNode:Rtp:PortMax"] = (rtp + 39).ToString(),
                ["MediaNode:HealthPort"] = healthPort.ToString(),
                ["Logging:LogLevel:Default"] = "Warning",
            },
            TextWriter.Null);
        await app.StartAsync();
        Http.BaseAddress = new Uri($"http://127.0.0.1:{apiPort}/v1/voice/");
        await Eventually.ReturnsAsync(
            async () =>
            {
                try
                {
                    using var health = new HttpClient();
                    var text = await health.GetStringAsync($"http://127.0.0.1:{healthPort}/healthz");
                    return text.Contains("ok", StringComparison.Ordinal) ? text : null;
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            },
            "the media-node to answer /healthz",
            timeoutSeconds: 120);
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

    /// <summary>Waits for the call to reach <paramref name="status"/> and returns it.</summary>
    public async Task<JsonElement> CallReachesAsync(string id, string status, int timeoutSeconds = 60) =>
        (await Eventually.ReturnsAsync(
            async () => (await GetAsync($"calls/{id}")) is var call && call.GetProperty("status").GetString() == status ? new[] { call } : null,
            $"call {id} to be {status}",
            timeoutSeconds))[0];
}

[CollectionDefinition(Name)]
public sealed class ProductCollection : ICollectionFixture<ProductFixture>
{
    public const string Name = "product";
}
