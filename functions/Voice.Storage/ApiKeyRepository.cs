using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Voice.Core.Accounts;

namespace Voice.Storage;

/// <summary>
/// API keys, stored only as SHA-256 hashes so a leaked table reveals no key. A fast hash is enough because keys
/// are 256-bit random values, not passwords. Two tables: <c>accountkeys</c> holds each key's record in its
/// account's partition (PartitionKey = account, RowKey = key id: name, scopes, hash, times, revocation), and
/// <c>apikeys</c> finds a presented key's record without knowing the account (PartitionKey = hash, RowKey = "key").
/// Lookups read both on every request, with no cache, so a revocation takes effect on the next request.
/// </summary>
public sealed class ApiKeyRepository
{
    public const string KeyPrefix = "tk_";
    private const string LookupRow = "key";

    /// <summary>Last-used times are written at most this often per key, so authentication is not a write per request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly TableClient lookups;
    private readonly TableClient records;

    public ApiKeyRepository(StorageClients storage)
    {
        lookups = storage.Tables.GetTableClient(StorageNames.ApiKeysTable);
        records = storage.Tables.GetTableClient(StorageNames.AccountKeysTable);
    }

    /// <summary>
    /// Creates a new key for the account and returns it with its record; the plain key is never stored, so this is
    /// the only time it can be shown. Without <paramref name="scopes"/> the key gets every scope.
    /// </summary>
    public async Task<(string Key, ApiKeyRecord Record)> CreateKeyAsync(
        string accountId, string name, IReadOnlyList<string>? scopes, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var key = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var record = await AddAsync(accountId, name, key, now, scopes, cancellationToken);
        return (key, record);
    }

    /// <summary>Creates a key with every scope and returns it (tests and seeders).</summary>
    public async Task<string> CreateAsync(string accountId, string name, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (await CreateKeyAsync(accountId, name, null, now, cancellationToken)).Key;

    /// <summary>
    /// Stores a key chosen by the caller (keeps DevHost's dev keys stable across restarts). The key id is derived
    /// from the hash, so adding the same key again rewrites one record instead of adding another.
    /// </summary>
    public async Task<ApiKeyRecord> AddAsync(
        string accountId, string name, string key, DateTimeOffset now, IReadOnlyList<string>? scopes = null, CancellationToken cancellationToken = default)
    {
        var hash = Hash(key);
        var record = new ApiKeyRecord
        {
            AccountId = accountId,
            Id = ApiKeyRecord.IdPrefix + hash[..24],
            Name = name,
            Scopes = scopes ?? ApiScopes.All,
            Hash = hash,
            Hint = key[..Math.Min(8, key.Length)],
            CreatedAt = now,
        };

        // The record first: a lookup row without its record authenticates nobody.
        await records.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Replace, cancellationToken);
        await lookups.UpsertEntityAsync(
            new TableEntity(hash, LookupRow) { ["AccountId"] = accountId, ["KeyId"] = record.Id }, TableUpdateMode.Replace, cancellationToken);
        return record;
    }

    /// <summary>
    /// The record of a presented key, or null for an unknown or revoked key. The stored hash is compared with the
    /// presented key's in constant time (the table lookup by hash already narrows it to one row).
    /// </summary>
    public async Task<ApiKeyRecord?> AuthenticateAsync(string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 256)
        {
            return null;
        }

        var hash = Hash(key);
        var lookup = await lookups.GetEntityIfExistsAsync<TableEntity>(hash, LookupRow, cancellationToken: cancellationToken);
        if (!lookup.HasValue || lookup.Value is not { } row || row.OptionalString("AccountId") is not { } accountId || row.OptionalString("KeyId") is not { } keyId)
        {
            // A lookup row from before key records has no KeyId: DevHost's seeder re-adds its keys at every start.
            return null;
        }

        var record = await GetAsync(accountId, keyId, cancellationToken);
        if (record is null || record.RevokedAt is not null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(record.Hash), Encoding.ASCII.GetBytes(hash)))
        {
            return null;
        }

        if (record.LastUsedAt is not { } used || now - used >= LastUsedResolution)
        {
            await records.UpsertEntityAsync(
                new TableEntity(accountId, keyId) { ["LastUsedAt"] = now }, TableUpdateMode.Merge, cancellationToken);
            record = record with { LastUsedAt = now };
        }

        return record;
    }

    public async Task<ApiKeyRecord?> GetAsync(string accountId, string keyId, CancellationToken cancellationToken = default)
    {
        var response = await records.GetEntityIfExistsAsync<TableEntity>(accountId, keyId, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? FromEntity(e) : null;
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var list = new List<ApiKeyRecord>();
        await foreach (var e in records.QueryAsync<TableEntity>(x => x.PartitionKey == accountId, cancellationToken: cancellationToken))
        {
            list.Add(FromEntity(e));
        }

        return list;
    }

    /// <summary>Revokes the key (idempotent); false when the account has no such key.</summary>
    public async Task<bool> RevokeAsync(string accountId, string keyId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var record = await GetAsync(accountId, keyId, cancellationToken);
        if (record is null)
        {
            return false;
        }

        if (record.RevokedAt is null)
        {
            await records.UpsertEntityAsync(new TableEntity(accountId, keyId) { ["RevokedAt"] = now }, TableUpdateMode.Merge, cancellationToken);
        }

        try
        {
            await lookups.DeleteEntityAsync(record.Hash, LookupRow, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone: revoking twice is fine.
        }

        return true;
    }

    private static TableEntity ToEntity(ApiKeyRecord k) => new(k.AccountId, k.Id)
    {
        ["Name"] = k.Name,
        ["Scopes"] = string.Join(' ', k.Scopes),
        ["Hash"] = k.Hash,
        ["Hint"] = k.Hint,
        ["CreatedAt"] = k.CreatedAt,
        ["LastUsedAt"] = k.LastUsedAt,
        ["RevokedAt"] = k.RevokedAt,
    };

    private static ApiKeyRecord FromEntity(TableEntity e) => new()
    {
        AccountId = e.PartitionKey,
        Id = e.RowKey,
        Name = e.RequiredString("Name"),
        Scopes = (e.OptionalString("Scopes") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
        Hash = e.RequiredString("Hash"),
        Hint = e.OptionalString("Hint") ?? "",
        CreatedAt = e.OptionalTime("CreatedAt") ?? DateTimeOffset.MinValue,
        LastUsedAt = e.OptionalTime("LastUsedAt"),
        RevokedAt = e.OptionalTime("RevokedAt"),
    };

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
