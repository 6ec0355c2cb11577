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
                ["Status"] = account.Status.ToString(),
                ["WebhookSigningSecretRef"] = account.WebhookSigningSecretRef,
                ["AllowPrivateWebhooks"] = account.AllowPrivateWebhooks,
                ["CreatedAt"] = account.CreatedAt,
            },
            TableUpdateMode.Replace,
            cancellationToken);

    public async Task<AccountRecord?> GetAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(accountId, Row, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? FromEntity(e) : null;
    }

    /// <summary>Every account (the operator's view; tenants never list accounts).</summary>
    public async Task<IReadOnlyList<AccountRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<AccountRecord>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.RowKey == Row, cancellationToken: cancellationToken))
        {
            list.Add(FromEntity(e));
        }

        return list;
    }

    private static AccountRecord FromEntity(TableEntity e) => new()
    {
        Id = e.PartitionKey,
        Name = e.RequiredString("Name"),

        // Accounts stored before statuses existed are active.
        Status = Enum.TryParse<AccountStatus>(e.OptionalString("Status"), out var status) ? status : AccountStatus.Active,
        WebhookSigningSecretRef = e.OptionalString("WebhookSigningSecretRef"),
        AllowPrivateWebhooks = e.Flag("AllowPrivateWebhooks"),
        CreatedAt = e.OptionalTime("CreatedAt") ?? DateTimeOffset.MinValue,
    };
}
