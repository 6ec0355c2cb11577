using Voice.Core.Accounts;
using Voice.Engine.Accounts;
using Voice.Storage;

namespace Voice.Api.Tests;

/// <summary>Scopes, revocation and disabled accounts over real HTTP and Azurite.</summary>
[Collection(ApiCollection.Name)]
public sealed class KeyScopeTests
{
    private readonly ApiFixture api;

    public KeyScopeTests(ApiFixture api)
    {
        this.api = api;
    }

    /// <summary>Every route and the scope it needs (a key with every other scope must get 403 naming it).</summary>
    public static TheoryData<string, string, string> RouteScopes => new()
    {
        { "GET", "calls", ApiScopes.CallsRead },
        { "POST", "calls", ApiScopes.CallsWrite },
        { "GET", "calls/CA7fffffffffffffff0000000000000000", ApiScopes.CallsRead },
        { "DELETE", "calls/CA7fffffffffffffff0000000000000000", ApiScopes.CallsWrite },
        { "GET", "conferences", ApiScopes.CallsRead },
        { "POST", "conferences", ApiScopes.CallsWrite },
        { "GET", "recordings", ApiScopes.RecordingsRead },
        { "GET", "recordings/RE7fffffffffffffff0000000000000000", ApiScopes.RecordingsRead },
        { "GET", "recordings/RE7fffffffffffffff0000000000000000/audio", ApiScopes.RecordingsRead },
    };

    [Theory]
    [MemberData(nameof(RouteScopes))]
    public async Task A_key_without_the_routes_scope_gets_403_naming_it(string method, string path, string scope)
    {
        var (key, _) = await TestAccounts.KeyWithScopesAsync(api.Services, api.AccountA, [.. ApiScopes.All.Where(s => s != scope)]);

        using var response = await api.SendAsync(new HttpMethod(method), path, key, method == "POST" ? "{}" : null);

        await JsonAssert.ErrorAsync(response, 403, "forbidden");
        var message = (await JsonAssert.BodyAsync(response)).GetProperty("error").GetProperty("message").GetString();
        Assert.Contains($"'{scope}'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_with_the_scope_passes()
    {
        var (key, _) = await TestAccounts.KeyWithScopesAsync(api.Services, api.AccountA, ApiScopes.CallsRead);

        using var response = await api.SendAsync(HttpMethod.Get, "calls", key);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_gets_401_on_the_next_request()
    {
        var (key, id) = await TestAccounts.KeyWithScopesAsync(api.Services, api.AccountA, ApiScopes.CallsRead);
        using (var before = await api.SendAsync(HttpMethod.Get, "calls", key))
        {
            Assert.Equal(200, (int)before.StatusCode);
        }

        Assert.True(await api.Services.GetRequiredService<ApiKeyRepository>().RevokeAsync(api.AccountA, id, DateTimeOffset.UtcNow));

        using var after = await api.SendAsync(HttpMethod.Get, "calls", key);
        await JsonAssert.ErrorAsync(after, 401, "unauthorized");
    }

    [Fact]
    public async Task A_disabled_accounts_keys_get_401_on_the_next_request_and_work_again_when_it_is_enabled()
    {
        var accountId = "ACdis" + Guid.NewGuid().ToString("N")[..8];
        var key = await TestAccounts.SeedAsync(api.Services, accountId);
        var accounts = api.Services.GetRequiredService<AccountRepository>();
        var account = (await accounts.GetAsync(accountId))!;

        await accounts.UpsertAsync(account with { Status = AccountStatus.Disabled });
        using (var disabled = await api.SendAsync(HttpMethod.Get, "calls", key))
        {
            await JsonAssert.ErrorAsync(disabled, 401, "unauthorized");
        }

        await accounts.UpsertAsync(account with { Status = AccountStatus.Active });
        using var enabled = await api.SendAsync(HttpMethod.Get, "calls", key);
        Assert.Equal(200, (int)enabled.StatusCode);
    }

    [Fact]
    public async Task Creating_and_revoking_a_key_is_audited_with_who_did_it_and_revoking_again_is_harmless()
    {
        var accountId = "ACkey" + Guid.NewGuid().ToString("N")[..8];
        await TestAccounts.SeedAsync(api.Services, accountId);
        var keys = api.Services.GetRequiredService<ApiKeyService>();

        var (key, record) = await keys.CreateAsync(accountId, "operator:alice", "ci", [ApiScopes.CallsRead], CancellationToken.None);
        Assert.True(await keys.RevokeAsync(accountId, "operator:bob", record.Id, CancellationToken.None));
        Assert.True(await keys.RevokeAsync(accountId, "operator:bob", record.Id, CancellationToken.None));
        Assert.False(await keys.RevokeAsync("ACsomeoneelse", "operator:bob", record.Id, CancellationToken.None));

        using var response = await api.SendAsync(HttpMethod.Get, "calls", key);
        await JsonAssert.ErrorAsync(response, 401, "unauthorized");
        var entries = await api.Services.GetRequiredService<AuditLogRepository>().ListAsync(accountId);
        Assert.Contains(entries, e => (e.Actor, e.Action, e.Target) == ("operator:alice", "api_key.created", record.Id));
        Assert.Contains(entries, e => (e.Actor, e.Action, e.Target) == ("operator:bob", "api_key.revoked", record.Id));
    }

    [Fact]
    public async Task A_key_is_stored_hashed_and_its_use_is_recorded()
    {
        var (key, id) = await TestAccounts.KeyWithScopesAsync(api.Services, api.AccountA, ApiScopes.CallsRead);
        using var response = await api.SendAsync(HttpMethod.Get, "calls", key);

        var record = (await api.Services.GetRequiredService<ApiKeyRepository>().GetAsync(api.AccountA, id))!;
        Assert.NotNull(record.LastUsedAt);
        Assert.DoesNotContain(key, record.Hash, StringComparison.Ordinal);
        Assert.Equal(64, record.Hash.Length);
        Assert.Equal([ApiScopes.CallsRead], record.Scopes);
    }
}
