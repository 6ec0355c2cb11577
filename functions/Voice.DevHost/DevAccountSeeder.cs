using Voice.Core.Accounts;
using Voice.DevHost.Admin;
using Voice.DevHost.Demo;
using Voice.Engine.Accounts;
using Voice.Storage;

namespace Voice.DevHost;

/// <summary>
/// Seeds the development account: the account, two phone numbers, one API key per dialect with every scope, and
/// the demo application on the second number, whose answer URL DevHost serves itself (<see cref="DemoMenu"/>). Keys
/// are kept in <c>.devhost/dev-api-key[-dialect]</c> (git-ignored) so they stay the same across restarts; they
/// are stored hashed. Numbers and their assignments are created once and then left as you changed them.
/// </summary>
public static class DevAccountSeeder
{
    public const string AccountId = "ACdev";
    public const string DemoApplicationId = "APdevdemo";
    public const string Actor = "devhost";
    public static readonly string[] Numbers = ["+15550100001", "+15550100002"];

    /// <summary>The dialects that get a key of their own; Telefon's key file keeps its old name.</summary>
    public static readonly string[] Dialects = ["telefon", "telnyx", "vonage"];

    /// <summary>Seeds and returns the dev (Telefon) API key; logs the others and how to use the API.</summary>
    public static async Task<string> SeedAsync(IServiceProvider services, string stateDirectory, CancellationToken cancellationToken)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await services.GetRequiredService<AccountRepository>().UpsertAsync(
            new AccountRecord { Id = AccountId, Name = "Development", AllowPrivateWebhooks = true, CreatedAt = now }, cancellationToken);

        var demo = await SeedDemoApplicationAsync(services, now, cancellationToken);
        var numbers = services.GetRequiredService<PhoneNumberRepository>();
        foreach (var number in Numbers)
        {
            if (await numbers.GetAsync(AccountId, number, cancellationToken) is null)
            {
                await numbers.UpsertAsync(
                    new PhoneNumberRecord { AccountId = AccountId, Number = number, ApplicationId = number == Numbers[1] ? demo.Id : null, CreatedAt = now },
                    cancellationToken);
            }
        }

        Directory.CreateDirectory(stateDirectory);
        var keys = new Dictionary<string, string>();
        foreach (var dialect in Dialects)
        {
            keys[dialect] = await SeedKeyAsync(services, stateDirectory, dialect, cancellationToken);
        }

        var adminKey = await SeedAdminKeyAsync(services, stateDirectory, cancellationToken);
        var vonageKey = await DevVonageApplication.SeedAsync(services, stateDirectory, BaseUrl(services), now, cancellationToken);
        services.GetRequiredService<ILoggerFactory>().CreateLogger("Voice.DevHost").LogInformation(
            "Dev keys (every scope): telnyx {TelnyxKey}, vonage {VonageKey}. Demo application {DemoId} answers {DemoNumber} ({AnswerUrl}).\n"
            + "  Vonage SDK:   new Vonage({{applicationId: '{VonageApp}', privateKey: '{VonageKeyFile}'}}, {{apiHost: '{Url}'}})\n"
            + "  Numbers:      curl -s {Url}/v1/voice/numbers -H \"X-API-Key: {Key}\"\n"
            + "  Applications: curl -s -X POST {Url}/v1/voice/applications -H \"X-API-Key: {Key}\" -H \"Content-Type: application/json\" -d '{{\"name\":\"mine\",\"answer_url\":\"https://example.com/answer\"}}'\n"
            + "  Assign:       curl -s -X PATCH {Url}/v1/voice/numbers/{FirstNumber} -H \"X-API-Key: {Key}\" -H \"Content-Type: application/json\" -d '{{\"application_id\":\"AP...\"}}'\n"
            + "  Admin API:    curl -s {Url}/v1/admin/accounts -H \"Authorization: Bearer {AdminKey}\" (key in .devhost/admin-key)\n"
            + "  Operator CLI: dotnet pack tools/Voice.Admin.Cli -o .tools && dotnet tool restore --add-source .tools, then from the repository root\n"
            + "                dotnet voice-admin accounts|keys|numbers|applications <verb> [--json] (--help lists them; it reads .devhost/admin-key)",
            keys["telnyx"], keys["vonage"], demo.Id, Numbers[1], demo.AnswerUrl, DevVonageApplication.Id, vonageKey, BaseUrl(services), BaseUrl(services), keys["telefon"], BaseUrl(services), keys["telefon"], BaseUrl(services), Numbers[0], keys["telefon"], BaseUrl(services), adminKey);
        return keys["telefon"];
    }

    /// <summary>The demo application, rewritten at every start so its answer URL follows DevHost's address.</summary>
    private static async Task<ApplicationRecord> SeedDemoApplicationAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var applications = services.GetRequiredService<ApplicationRepository>();
        var demo = new ApplicationRecord
        {
            AccountId = AccountId,
            Id = DemoApplicationId,
            Name = "DevHost demo menu",
            AnswerUrl = BaseUrl(services) + DemoMenu.AnswerPath,
            CreatedAt = (await applications.GetAsync(AccountId, DemoApplicationId, cancellationToken))?.CreatedAt ?? now,
            UpdatedAt = now,
        };
        await applications.Table.UpsertAsync(demo, cancellationToken);
        return demo;
    }

    private static async Task<string> SeedKeyAsync(IServiceProvider services, string stateDirectory, string dialect, CancellationToken cancellationToken)
    {
        var keys = services.GetRequiredService<ApiKeyService>();
        var keyFile = Path.Combine(stateDirectory, dialect == "telefon" ? "dev-api-key" : "dev-api-key-" + dialect);
        var name = dialect == "telefon" ? "dev" : "dev-" + dialect;
        var key = File.Exists(keyFile) ? (await File.ReadAllTextAsync(keyFile, cancellationToken)).Trim() : null;
        if (string.IsNullOrEmpty(key))
        {
            key = (await keys.CreateAsync(AccountId, Actor, name, ApiScopes.All, cancellationToken)).Key;
            await File.WriteAllTextAsync(keyFile, key + "\n", cancellationToken);
        }
        else
        {
            await keys.AddAsync(AccountId, Actor, name, key, ApiScopes.All, cancellationToken);
        }

        return key;
    }

    /// <summary>The local operator key of the admin API, kept in <c>.devhost/admin-key</c> like the dev keys.</summary>
    private static async Task<string> SeedAdminKeyAsync(IServiceProvider services, string stateDirectory, CancellationToken cancellationToken)
    {
        var file = Path.Combine(stateDirectory, "admin-key");
        var key = File.Exists(file) ? (await File.ReadAllTextAsync(file, cancellationToken)).Trim() : "";
        if (key.Length == 0)
        {
            key = AdminKey.New();
            await File.WriteAllTextAsync(file, key + "\n", cancellationToken);
        }

        services.GetRequiredService<AdminKey>().Set(key);
        return key;
    }

    /// <summary>Where DevHost listens (the first of <c>urls</c>), as webhooks on this machine reach it.</summary>
    private static string BaseUrl(IServiceProvider services)
    {
        var urls = services.GetRequiredService<IConfiguration>()["urls"];
        var first = string.IsNullOrEmpty(urls) ? DevHostApplication.DefaultUrl : urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0];
        return first.TrimEnd('/');
    }
}
