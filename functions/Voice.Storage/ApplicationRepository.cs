using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Voice.Core.Accounts;

namespace Voice.Storage;

/// <summary>
/// Applications in the <c>applications</c> table: PartitionKey = account, RowKey = application id (sorts newest
/// first). The dialect settings are stored as JSON columns: they are read and written whole.
/// </summary>
public sealed class ApplicationRepository
{
    private static readonly JsonSerializerOptions SettingsJson = new(JsonSerializerDefaults.General);

    public ApplicationRepository(StorageClients storage)
    {
        Table = new AccountScopedTable<ApplicationRecord>(storage.Tables.GetTableClient(StorageNames.ApplicationsTable), ToEntity, FromEntity);
    }

    public AccountScopedTable<ApplicationRecord> Table { get; }

    public async Task<ApplicationRecord?> GetAsync(string accountId, string id, CancellationToken cancellationToken = default) =>
        (await Table.GetAsync(accountId, id, cancellationToken))?.Value;

    /// <summary>
    /// The application with this id in whichever account holds it (Vonage JWTs name only the application). Ids are
    /// unique across accounts (sortable, random); a query on the row key reads every partition, which the table's size
    /// (one row per application) keeps cheap.
    /// </summary>
    public async Task<ApplicationRecord?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {id}");
        await foreach (var entity in Table.Client.QueryAsync<TableEntity>(filter, maxPerPage: 2, cancellationToken: cancellationToken))
        {
            return FromEntity(entity);
        }

        return null;
    }

    /// <summary>Deletes the application; false when the account has none with that id.</summary>
    public async Task<bool> DeleteAsync(string accountId, string id, CancellationToken cancellationToken = default)
    {
        try
        {
            await Table.Client.DeleteEntityAsync(accountId, id, ETag.All, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(ApplicationRecord a) => new(a.AccountId, a.Id)
    {
        ["Name"] = a.Name,
        ["Dialect"] = a.Dialect.ToString(),
        ["AnswerUrl"] = a.AnswerUrl,
        ["AnswerMethod"] = a.AnswerMethod,
        ["EventUrl"] = a.EventUrl,
        ["EventMethod"] = a.EventMethod,
        ["FallbackUrl"] = a.FallbackUrl,
        ["Inbound"] = a.Inbound.ToString(),
        ["SipUris"] = string.Join(' ', a.SipUris),
        ["Telnyx"] = a.Telnyx is null ? null : JsonSerializer.Serialize(a.Telnyx, SettingsJson),
        ["Vonage"] = a.Vonage is null ? null : JsonSerializer.Serialize(a.Vonage, SettingsJson),
        ["CreatedAt"] = a.CreatedAt,
        ["UpdatedAt"] = a.UpdatedAt,
    };

    private static ApplicationRecord FromEntity(TableEntity e) => new()
    {
        AccountId = e.PartitionKey,
        Id = e.RowKey,
        Name = e.RequiredString("Name"),
        Dialect = Enum.Parse<ApplicationDialect>(e.RequiredString("Dialect")),
        AnswerUrl = e.OptionalString("AnswerUrl"),
        AnswerMethod = e.OptionalString("AnswerMethod") ?? "GET",
        EventUrl = e.OptionalString("EventUrl"),
        EventMethod = e.OptionalString("EventMethod") ?? "POST",
        FallbackUrl = e.OptionalString("FallbackUrl"),
        Inbound = Enum.Parse<InboundBehaviour>(e.OptionalString("Inbound") ?? nameof(InboundBehaviour.Fetch)),
        SipUris = (e.OptionalString("SipUris") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
        Telnyx = e.OptionalString("Telnyx") is { } telnyx ? JsonSerializer.Deserialize<TelnyxApplicationSettings>(telnyx, SettingsJson) : null,
        Vonage = e.OptionalString("Vonage") is { } vonage ? JsonSerializer.Deserialize<VonageApplicationSettings>(vonage, SettingsJson) : null,
        CreatedAt = e.OptionalTime("CreatedAt") ?? DateTimeOffset.MinValue,
        UpdatedAt = e.OptionalTime("UpdatedAt") ?? DateTimeOffset.MinValue,
    };
}
