using System.Net.Http.Headers;
using System.Text;
using Voice.Core.Accounts;
using Voice.DevHost;
using Voice.Storage;
using Voice.Testing;

namespace Voice.Telnyx.Tests;

/// <summary>
/// A real Azurite and the real DevHost application on a free loopback port (as the DevHost API tests run it), with
/// two accounts: A with a key holding every scope and a key holding only <c>applications:read</c>, and B with one
/// key. One instance for the whole collection: DevHost starts once, the Node SDK tests run against it once.
/// </summary>
public sealed class TelnyxFixture : IAsyncLifetime
{
    public const string AccountA = "ACtelnyxa";
    public const string AccountB = "ACtelnyxb";

    private readonly AzuriteFixture azurite = new();
    private WebApplication? app;

    public HttpClient Http { get; } = new();

    /// <summary>The SDK's <c>baseURL</c>: the host and <c>/v2</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public string KeyA { get; private set; } = "";

    public string ReadOnlyKeyA { get; private set; } = "";

    public string KeyB { get; private set; } = "";

    public IServiceProvider Services => app!.Services;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        var port = FreePorts.Next();
        app = DevHostApplication.Build(["--urls", $"http://127.0.0.1:{port}"], builder =>
        {
            builder.Configuration["VoiceStorage"] = azurite.ConnectionString;
            builder.Logging.ClearProviders();
        });
        await StorageBootstrap.EnsureCreatedAsync(app.Services.GetRequiredService<StorageClients>());
        var now = DateTimeOffset.UtcNow;
        var accounts = app.Services.GetRequiredService<AccountRepository>();
        var keys = app.Services.GetRequiredService<ApiKeyRepository>();
        await accounts.UpsertAsync(new AccountRecord { Id = AccountA, Name = AccountA, CreatedAt = now });
        await accounts.UpsertAsync(new AccountRecord { Id = AccountB, Name = AccountB, CreatedAt = now });
        KeyA = await keys.CreateAsync(AccountA, "telnyx-tests", now);
        ReadOnlyKeyA = (await keys.CreateKeyAsync(AccountA, "read-only", [ApiScopes.ApplicationsRead], now)).Key;
        KeyB = await keys.CreateAsync(AccountB, "telnyx-tests", now);
        await app.StartAsync();
        Http.BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        BaseUrl = $"http://127.0.0.1:{port}/v2";
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
            await azurite.DisposeAsync();
        }
    }

    /// <summary>A request to <c>/v2/{path}</c> with <c>Authorization: Bearer {key}</c> when given.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? json = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, "v2/" + path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return await Http.SendAsync(request);
    }
}

[CollectionDefinition(Name)]
public sealed class TelnyxCollection : ICollectionFixture<TelnyxFixture>
{
    public const string Name = "telnyx";
}
