using Voice.Core.Accounts;
using Voice.Storage;

namespace Voice.Api.Tests;

/// <summary>Seeds an account with owned numbers and an API key, as an operator would.</summary>
internal static class TestAccounts
{
    /// <summary>Returns the new API key, which has every scope.</summary>
    public static async Task<string> SeedAsync(IServiceProvider services, string accountId, params string[] numbers)
    {
        var now = DateTimeOffset.UtcNow;
        await services.GetRequiredService<AccountRepository>().UpsertAsync(new AccountRecord { Id = accountId, Name = accountId, CreatedAt = now });
        foreach (var n in numbers)
        {
            await services.GetRequiredService<PhoneNumberRepository>().UpsertAsync(new PhoneNumberRecord { AccountId = accountId, Number = n, CreatedAt = now });
        }

        return await services.GetRequiredService<ApiKeyRepository>().CreateAsync(accountId, "test", now);
    }

    /// <summary>A further key of the account with only <paramref name="scopes"/>.</summary>
    public static async Task<(string Key, string Id)> KeyWithScopesAsync(IServiceProvider services, string accountId, params string[] scopes)
    {
        var (key, record) = await services.GetRequiredService<ApiKeyRepository>().CreateKeyAsync(accountId, "scoped", scopes, DateTimeOffset.UtcNow);
        return (key, record.Id);
    }
}
