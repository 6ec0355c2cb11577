using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Voice.Core.Accounts;
using Voice.Storage;

namespace Voice.Api.Http;

/// <summary>
/// Authenticates a presented API key for every dialect (each reads it from its own header and shapes its own
/// errors): the key and its account are read on every request, with no cache, so a revoked key or a disabled
/// account is refused on the very next request.
/// </summary>
public static class ApiKeyAuthentication
{
    /// <summary>
    /// The caller and its key's scopes, or null for a missing, unknown or revoked key, or a key of a disabled or
    /// missing account.
    /// </summary>
    public static async Task<AuthenticatedKey?> AuthenticateAsync(HttpContext http, string? presentedKey)
    {
        if (string.IsNullOrEmpty(presentedKey))
        {
            return null;
        }

        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var key = await http.RequestServices.GetRequiredService<ApiKeyRepository>().AuthenticateAsync(presentedKey, now, http.RequestAborted);
        if (key is null)
        {
            return null;
        }

        var account = await http.RequestServices.GetRequiredService<AccountRepository>().GetAsync(key.AccountId, http.RequestAborted);
        return account is { Status: AccountStatus.Active } ? new AuthenticatedKey(new ApiCaller(key.AccountId, key.Id), key) : null;
    }
}
