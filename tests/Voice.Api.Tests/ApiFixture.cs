using System.Net.Http.Headers;
using System.Text;
using Voice.Api.Tests.Lifecycles;
using Voice.DevHost;
using Voice.Media.Contracts;
using Voice.Storage;
using Voice.Testing;

namespace Voice.Api.Tests;

/// <summary>
/// A real Azurite and the real DevHost application on a free loopback port, with two accounts:
/// A (numbers +15550100001/+15550100002) and B (number +15550200001).
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string NumberA1 = "+15550100001";
    public const string NumberA2 = "+15550100002";
    public const string NumberB1 = "+15550200001";

    private readonly AzuriteFixture azurite = new();
    private MediaCommandLog commandLog = null!;
    private WebApplication? app;

    public HttpClient Http { get; } = new();

    public string KeyA { get; private set; } = "";

    public string KeyB { get; private set; } = "";

    public string AccountA { get; } = "ACtesta";

    public string AccountB { get; } = "ACtestb";

    public StorageClients Storage { get; private set; } = null!;

    public IServiceProvider Services => app!.Services;

    /// <summary>The registered test node calls are placed on; its commands are read by <see cref="CommandsForAsync"/>.</summary>
    public Voice.Media.Contracts.Nodes.MediaNodeAddress Node => commandLog.Node.Address;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        var port = FreePorts.Next();
        app = DevHostApplication.Build(["--urls", $"http://127.0.0.1:{port}"], builder =>
        {
            builder.Configuration["VoiceStorage"] = azurite.ConnectionString;

            // Placement reads the registry on every call: a test that drains the node sees the next call refused.
            builder.Configuration["MediaNodes:RegistryCacheFor"] = "00:00:00";
            builder.Logging.ClearProviders();
        });
        Storage = app.Services.GetRequiredService<StorageClients>();
        await StorageBootstrap.EnsureCreatedAsync(Storage);
        commandLog = await MediaCommandLog.StartAsync(Storage);
        KeyA = await TestAccounts.SeedAsync(app.Services, AccountA, NumberA1, NumberA2);
        KeyB = await TestAccounts.SeedAsync(app.Services, AccountB, NumberB1);
        await app.StartAsync();
        Http.BaseAddress = new Uri($"http://127.0.0.1:{port}/v1/voice/");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        try
        {
            if (app is not null)
            {
                using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await app.StopAsync(stopping.Token);
                await app.DisposeAsync();
            }
        }
        finally
        {
            if (commandLog is not null)
            {
                await commandLog.DisposeAsync();
            }

            await azurite.DisposeAsync();
        }
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? key, string? json = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? json = null, string contentType = "application/json")
    {
        using var request = Request(method, path, key, json, contentType);
        return await Http.SendAsync(request);
    }

    /// <summary>
    /// The media commands queued for one call so far (see <see cref="MediaCommandLog"/>): waits until
    /// <paramref name="until"/> holds or <paramref name="timeout"/> passes, then returns what there is.
    /// </summary>
    public Task<List<MediaCommand>> CommandsForAsync(string callId, Func<List<MediaCommand>, bool> until, TimeSpan timeout) =>
        commandLog.ForCallAsync(callId, until, timeout);
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
