using Azure.Data.Tables;
using Voice.Core.Accounts;

namespace Voice.Storage;

/// <summary>Accounts in the <c>accounts</c> table: PartitionKey = account id, RowKey = "account".</summary>
public sealed class AccountRepository
{
    private const string Row = "account";
    private readonly TableClient table;

    public AccountRepository(StorageClients storage)
    {
        table = storage.Tables.GetTableClient(StorageNames.AccountsTable);
    }

    public async Task UpsertAsync(AccountRecord account, CancellationToken cancellationToken = default) =>
        await table.UpsertEntityAsync(
            new TableEntity(account.Id, Row)
            {
                ["Name"] = account.Name,
                ["AllowPrivateWebhooks"] = account.AllowPrivateWebhooks,
                ["CreatedAt"] = account.CreatedAt,
            },
            TableUpdateMode.Replace,
            cancellationToken);

    public async Task<AccountRecord?> GetAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(accountId, Row, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } e)
        {
            return null;
        }

        return new AccountRecord
        {
            Id = e.PartitionKey,
            Name = e.RequiredString("Name"),
            AllowPrivateWebhooks = e.Flag("AllowPrivateWebhooks"),
            CreatedAt = e.OptionalTime("CreatedAt") ?? DateTimeOffset.MinValue,
        };
    }
}
