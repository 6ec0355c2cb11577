using Azure;
using Azure.Data.Tables;
using Voice.Storage;

namespace Voice.Api.Telnyx;

/// <summary>
/// Each account's Telnyx webhook key pair, in the <c>telnyxsigningkeys</c> table (PartitionKey = account, RowKey =
/// <c>ed25519</c>): created on first use (the first public key request or signed webhook), then stable. One pair per
/// account, as Telnyx has: a webhook signed for one tenant does not verify at another tenant's endpoint. The private
/// key is only in that table, which only the app's identity can read (no API returns it); the table is created on
/// first use, as it belongs to this dialect alone.
/// </summary>
public sealed class TelnyxSigningKeyStore
{
    public const string TableName = "telnyxsigningkeys";
    private const string Row = "ed25519";

    private readonly TableClient table;
    private readonly TimeProvider clock;
    private volatile bool tableCreated;

    public TelnyxSigningKeyStore(StorageClients storage, TimeProvider clock)
    {
        table = storage.Tables.GetTableClient(TableName);
        this.clock = clock;
    }

    /// <summary>The account's key pair, created now if it has none; concurrent first uses agree on one pair.</summary>
    public async Task<TelnyxSigningKey> GetOrCreateAsync(string accountId, CancellationToken cancellationToken)
    {
        if (!tableCreated)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            tableCreated = true;
        }

        if (await ReadAsync(accountId, cancellationToken) is { } existing)
        {
            return existing;
        }

        var created = TelnyxSigningKey.Generate(accountId, clock.GetUtcNow());
        try
        {
            await table.AddEntityAsync(
                new TableEntity(accountId, Row) { ["PublicKey"] = created.PublicKey, ["PrivateKey"] = created.PrivateKey, ["CreatedAt"] = created.CreatedAt },
                cancellationToken);
            return created;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another request created it first: everyone uses that one.
            return await ReadAsync(accountId, cancellationToken) ?? throw new InvalidOperationException($"{TableName} {accountId}: key vanished after a conflict");
        }
    }

    private async Task<TelnyxSigningKey?> ReadAsync(string accountId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(accountId, Row, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e
            ? new TelnyxSigningKey(accountId, e.GetString("PublicKey"), e.GetString("PrivateKey"), e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue)
            : null;
    }
}
