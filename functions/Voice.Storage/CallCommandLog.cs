using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Voice.Storage;

/// <summary>
/// The command ids a call has accepted (table <c>callcommands</c>: PartitionKey = call id, RowKey = command id), so an
/// API client's retry with the same command id (Telnyx's only idempotency tool: its SDK sends no Idempotency-Key) is
/// answered as the first request was and applied once. Also for dials: PartitionKey = <c>dial:{account}</c>.
/// </summary>
public sealed class CallCommandLog
{
    public const string TableName = "callcommands";

    private readonly TableClient table;
    private readonly Lazy<Task> created;

    public CallCommandLog(StorageClients storage)
    {
        table = storage.Tables.GetTableClient(TableName);

        // Created on first use rather than at bootstrap: only dialects with command ids need it.
        created = new Lazy<Task>(() => table.CreateIfNotExistsAsync());
    }

    /// <summary>
    /// Records <paramref name="commandId"/> for <paramref name="scope"/> with <paramref name="result"/>; when it was
    /// recorded before, returns the result stored then (and records nothing).
    /// </summary>
    public async Task<string?> TryRecordAsync(string scope, string commandId, string result, CancellationToken cancellationToken)
    {
        await created.Value;
        var rowKey = RowKey(commandId);
        try
        {
            await table.AddEntityAsync(new TableEntity(scope, rowKey) { ["Result"] = result }, cancellationToken);
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var stored = await table.GetEntityIfExistsAsync<TableEntity>(scope, rowKey, cancellationToken: cancellationToken);
            return stored.HasValue && stored.Value is { } entity ? entity.GetString("Result") ?? "" : "";
        }
    }

    /// <summary>Forgets a command id whose command could not be accepted after all, so a retry is tried again.</summary>
    public async Task ForgetAsync(string scope, string commandId, CancellationToken cancellationToken)
    {
        await created.Value;
        await table.DeleteEntityAsync(scope, RowKey(commandId), ETag.All, cancellationToken);
    }

    /// <summary>Client-chosen ids may hold characters row keys refuse ('/', '#', '?'…): the key is their SHA-256.</summary>
    private static string RowKey(string commandId) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(commandId)));
}
