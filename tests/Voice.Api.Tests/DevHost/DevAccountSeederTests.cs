using Voice.Core.Accounts;
using Voice.DevHost;
using Voice.Storage;
using Voice.Testing;

namespace Voice.Api.Tests.DevHost;

/// <summary>
/// DevHost's seeding on an Azurite of its own (it owns the dev numbers, which the shared fixture's accounts also
/// use), one per test class; each test seeds into a fresh state directory and account data it may change.
/// </summary>
public sealed class DevAccountSeederTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly AzuriteFixture azurite;
    private readonly string stateDirectory = Path.Combine(Path.GetTempPath(), "devhost-seed-" + Guid.NewGuid().ToString("N"));
    private WebApplication app = null!;

    public DevAccountSeederTests(AzuriteFixture azurite)
    {
        this.azurite = azurite;
    }

    public async Task InitializeAsync()
    {
        app = DevHostApplication.Build(["--urls", "http://127.0.0.1:7999"], builder =>
        {
            builder.Configuration["VoiceStorage"] = azurite.ConnectionString;
            builder.Logging.ClearProviders();
        });
        await StorageBootstrap.EnsureCreatedAsync(app.Services.GetRequiredService<StorageClients>());
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        Directory.Delete(stateDirectory, recursive: true);
    }

    [Fact]
    public async Task Seeding_gives_one_key_per_dialect_with_every_scope_and_keeps_them_across_restarts()
    {
        var first = await DevAccountSeeder.SeedAsync(app.Services, stateDirectory, CancellationToken.None);
        var second = await DevAccountSeeder.SeedAsync(app.Services, stateDirectory, CancellationToken.None);

        Assert.Equal(first, second);
        var keys = app.Services.GetRequiredService<ApiKeyRepository>();
        var seeded = new List<ApiKeyRecord>();
        foreach (var file in new[] { "dev-api-key", "dev-api-key-telnyx", "dev-api-key-vonage" })
        {
            var key = (await File.ReadAllTextAsync(Path.Combine(stateDirectory, file))).Trim();
            seeded.Add((await keys.AuthenticateAsync(key, DateTimeOffset.UtcNow))!);
        }

        Assert.Equal(["dev", "dev-telnyx", "dev-vonage"], seeded.Select(k => k.Name));
        Assert.All(seeded, k => Assert.Equal(ApiScopes.All.Order(), k.Scopes.Order()));
        var audit = await app.Services.GetRequiredService<AuditLogRepository>().ListAsync(DevAccountSeeder.AccountId, 1000);
        Assert.All(seeded, k => Assert.Single(audit, e => e.Action == "api_key.created" && e.Actor == DevAccountSeeder.Actor && e.Target == k.Id));
    }

    [Fact]
    public async Task A_vonage_application_is_seeded_with_the_public_half_of_a_private_key_kept_across_restarts()
    {
        await DevAccountSeeder.SeedAsync(app.Services, stateDirectory, CancellationToken.None);
        var keyFile = Path.Combine(stateDirectory, DevVonageApplication.PrivateKeyFile);
        var firstKey = await File.ReadAllTextAsync(keyFile);
        await DevAccountSeeder.SeedAsync(app.Services, stateDirectory, CancellationToken.None);

        Assert.Equal(firstKey, await File.ReadAllTextAsync(keyFile));
        var application = (await app.Services.GetRequiredService<ApplicationRepository>().FindByIdAsync(DevVonageApplication.Id))!;
        Assert.Equal((DevAccountSeeder.AccountId, ApplicationDialect.Vonage), (application.AccountId, application.Dialect));
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportFromPem(firstKey);
        Assert.Equal(rsa.ExportSubjectPublicKeyInfoPem(), Assert.Single(application.Vonage!.PublicKeys));
        Assert.Null(RsaPublicKeys.Problem(application.Vonage.PublicKeys[0]));
    }

    [Fact]
    public async Task The_second_number_routes_to_the_demo_application_served_by_devhost()
    {
        await DevAccountSeeder.SeedAsync(app.Services, stateDirectory, CancellationToken.None);

        var route = await app.Services.GetRequiredService<Voice.Engine.Accounts.InboundRouteResolver>().ResolveAsync(DevAccountSeeder.Numbers[1], CancellationToken.None);

        Assert.Equal(DevAccountSeeder.DemoApplicationId, route.ApplicationId);
        Assert.Equal("http://127.0.0.1:7999/devhost/demo/answer", route.AnswerUrl);
        Assert.Equal("not_found", (await app.Services.GetRequiredService<Voice.Engine.Accounts.InboundRouteResolver>().ResolveAsync(DevAccountSeeder.Numbers[0], CancellationToken.None)).RejectReason);
    }

    [Fact]
    public async Task A_number_you_reassigned_is_left_as_you_changed_it_at_the_next_start()
    {
        await DevAccountSeeder.SeedAsync(app.Services, stateDirectory, CancellationToken.None);
        var numbers = app.Services.GetRequiredService<PhoneNumberRepository>();
        var second = (await numbers.GetAsync(DevAccountSeeder.AccountId, DevAccountSeeder.Numbers[1]))!;
        await numbers.UpsertAsync(second with { ApplicationId = null, AnswerUrl = "https://example.com/mine" });

        await DevAccountSeeder.SeedAsync(app.Services, stateDirectory, CancellationToken.None);

        Assert.Equal("https://example.com/mine", (await numbers.GetAsync(DevAccountSeeder.AccountId, DevAccountSeeder.Numbers[1]))!.AnswerUrl);
    }
}
