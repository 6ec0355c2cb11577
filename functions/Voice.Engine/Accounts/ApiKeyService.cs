using Voice.Core.Accounts;
using Voice.Storage;

namespace Voice.Engine.Accounts;

/// <summary>Creating and revoking API keys, each written to the audit log with who did it.</summary>
public sealed class ApiKeyService
{
    private readonly ApiKeyRepository keys;
    private readonly AuditLogRepository audit;
    private readonly TimeProvider clock;

    public ApiKeyService(ApiKeyRepository keys, AuditLogRepository audit, TimeProvider clock)
    {
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    /// <summary>A new key; the plain key is returned only here (it is stored hashed).</summary>
    public async Task<(string Key, ApiKeyRecord Record)> CreateAsync(
        string accountId, string actor, string name, IReadOnlyList<string>? scopes, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var created = await keys.CreateKeyAsync(accountId, name, scopes, now, cancellationToken);
        await audit.AddAsync(accountId, actor, "api_key.created", created.Record.Id, now, cancellationToken);
        return created;
    }

    /// <summary>
    /// Stores a key chosen by the caller (DevHost's stable dev keys, re-added at every start): audited as created
    /// only when the account did not hold it yet.
    /// </summary>
    public async Task<ApiKeyRecord> AddAsync(
        string accountId, string actor, string name, string key, IReadOnlyList<string>? scopes, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var existed = await keys.AuthenticateAsync(key, now, cancellationToken) is { } known && known.AccountId == accountId;
        var record = await keys.AddAsync(accountId, name, key, now, scopes, cancellationToken);
        if (!existed)
        {
            await audit.AddAsync(accountId, actor, "api_key.created", record.Id, now, cancellationToken);
        }

        return record;
    }

    /// <summary>Revokes the key; it gets 401 from the next request on. False when the account has no such key.</summary>
    public async Task<bool> RevokeAsync(string accountId, string actor, string keyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!await keys.RevokeAsync(accountId, keyId, now, cancellationToken))
        {
            return false;
        }

        await audit.AddAsync(accountId, actor, "api_key.revoked", keyId, now, cancellationToken);
        return true;
    }
}
