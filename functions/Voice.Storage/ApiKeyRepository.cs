using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace Voice.Storage;

/// <summary>
/// API keys, stored only as SHA-256 hashes (PartitionKey = hash) so a leaked table reveals no key. A fast hash
/// is enough because keys are 256-bit random values, not passwords. Each key is bound to one account.
/// </summary>
public sealed class ApiKeyRepository
{
    public const string KeyPrefix = "tk_";
    private const string Row = "key";
    private readonly TableClient table;

    public ApiKeyRepository(StorageClients storage)
    {
        table = storage.Tables.GetTableClient(StorageNames.ApiKeysTable);
    }

    /// <summary>Creates a new key for the account and returns it; the plain key is never stored.</summary>
    public async Task<string> CreateAsync(string accountId, string name, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var key = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        await AddAsync(accountId, name, key, now, cancellationToken);
        return key;
    }

    /// <summary>Stores a key chosen by the caller (used to keep DevHost's dev key stable across restarts).</summary>
    public async Task AddAsync(string accountId, string name, string key, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await table.UpsertEntityAsync(
            new TableEntity(Hash(key), Row)
            {
                ["AccountId"] = accountId,
                ["Name"] = name,
                ["Hint"] = key[..Math.Min(8, key.Length)],
                ["CreatedAt"] = now,
            },
            TableUpdateMode.Replace,
            cancellationToken);

    /// <summary>The account the key belongs to, or null for an unknown key.</summary>
    public async Task<string?> FindAccountAsync(string key, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 256)
        {
            return null;
        }

        var response = await table.GetEntityIfExistsAsync<TableEntity>(Hash(key), Row, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? e.OptionalString("AccountId") : null;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
