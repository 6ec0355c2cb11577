using Voice.Core.Accounts;
using Voice.Storage;

namespace Voice.DevHost;

/// <summary>
/// Seeds the development account: an account, two phone numbers, and an API key. The key is kept in
/// <c>.devhost/dev-api-key</c> (git-ignored) so it stays the same across restarts; keys are stored hashed.
/// </summary>
public static class DevAccountSeeder
{
    public const string AccountId = "ACdev";
    public static readonly string[] Numbers = ["+15550100001", "+15550100002"];

    /// <summary>Seeds and returns the dev API key.</summary>
    public static async Task<string> SeedAsync(IServiceProvider services, string stateDirectory, CancellationToken cancellationToken)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        await services.GetRequiredService<AccountRepository>().UpsertAsync(
            new AccountRecord { Id = AccountId, Name = "Development", AllowPrivateWebhooks = true, CreatedAt = now }, cancellationToken);

        var numbers = services.GetRequiredService<PhoneNumberRepository>();
        foreach (var number in Numbers)
        {
            await numbers.UpsertAsync(new PhoneNumberRecord { AccountId = AccountId, Number = number, CreatedAt = now }, cancellationToken);
        }

        var keys = services.GetRequiredService<ApiKeyRepository>();
        Directory.CreateDirectory(stateDirectory);
        var keyFile = Path.Combine(stateDirectory, "dev-api-key");
        var key = File.Exists(keyFile) ? (await File.ReadAllTextAsync(keyFile, cancellationToken)).Trim() : null;
        if (string.IsNullOrEmpty(key))
        {
            key = await keys.CreateAsync(AccountId, "dev", now, cancellationToken);
            await File.WriteAllTextAsync(keyFile, key + "\n", cancellationToken);
        }
        else
        {
            await keys.AddAsync(AccountId, "dev", key, now, cancellationToken: cancellationToken);
        }

        return key;
    }
}
