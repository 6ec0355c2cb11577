using Azure;
using Azure.Data.Tables;
using Voice.Core.Accounts;

namespace Voice.Storage;

/// <summary>
/// Owned numbers, kept twice: per account in <c>phonenumbers</c> (PartitionKey = account, RowKey = number) for
/// ownership checks and listing, and per number in <c>numberroutes</c> (PartitionKey = number) for routing
/// inbound calls without knowing the account.
/// </summary>
public sealed class PhoneNumberRepository
{
    private const string RouteRow = "route";
    private readonly TableClient numbers;
    private readonly TableClient routes;

    public PhoneNumberRepository(StorageClients storage)
    {
        numbers = storage.Tables.GetTableClient(StorageNames.PhoneNumbersTable);
        routes = storage.Tables.GetTableClient(StorageNames.NumberRoutesTable);
    }

    public async Task UpsertAsync(PhoneNumberRecord number, CancellationToken cancellationToken = default)
    {
        // Route first: a number that is routable but not yet listed is harmless; the reverse could drop calls.
        await routes.UpsertEntityAsync(ToEntity(number, number.Number, RouteRow), TableUpdateMode.Replace, cancellationToken);
        await numbers.UpsertEntityAsync(ToEntity(number, number.AccountId, number.Number), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The account's number, or null when the account does not own it.</summary>
    public async Task<PhoneNumberRecord?> GetAsync(string accountId, string number, CancellationToken cancellationToken = default)
    {
        var response = await numbers.GetEntityIfExistsAsync<TableEntity>(accountId, number, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? FromEntity(e, e.RowKey) : null;
    }

    public async Task<bool> IsOwnedAsync(string accountId, string number, CancellationToken cancellationToken = default)
    {
        var response = await numbers.GetEntityIfExistsAsync<TableEntity>(accountId, number, select: ["RowKey"], cancellationToken: cancellationToken);
        return response.HasValue;
    }

    /// <summary>The owner, application and URLs of a number, for an inbound call; null when nobody owns it.</summary>
    public async Task<PhoneNumberRecord?> FindRouteAsync(string number, CancellationToken cancellationToken = default)
    {
        var response = await routes.GetEntityIfExistsAsync<TableEntity>(number, RouteRow, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? FromEntity(e, e.PartitionKey) : null;
    }

    /// <summary>
    /// Takes the number from the account (the operator's release): the route first, so calls stop reaching the account
    /// before the number leaves its list; a repeated release finishes a half-done one. False when the account does not own it.
    /// </summary>
    public async Task<bool> DeleteAsync(string accountId, string number, CancellationToken cancellationToken = default)
    {
        if (!await IsOwnedAsync(accountId, number, cancellationToken))
        {
            return false;
        }

        if (await FindRouteAsync(number, cancellationToken) is { } route && route.AccountId == accountId)
        {
            await DeleteIfExistsAsync(routes, number, RouteRow, cancellationToken);
        }

        await DeleteIfExistsAsync(numbers, accountId, number, cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<PhoneNumberRecord>> ListAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var list = new List<PhoneNumberRecord>();
        await foreach (var e in numbers.QueryAsync<TableEntity>(x => x.PartitionKey == accountId, cancellationToken: cancellationToken))
        {
            list.Add(FromEntity(e, e.RowKey));
        }

        return list;
    }

    private static async Task DeleteIfExistsAsync(TableClient table, string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone: a concurrent release.
        }
    }

    private static TableEntity ToEntity(PhoneNumberRecord n, string partition, string row) => new(partition, row)
    {
        ["AccountId"] = n.AccountId,
        ["ApplicationId"] = n.ApplicationId,
        ["AnswerUrl"] = n.AnswerUrl,
        ["EventUrl"] = n.EventUrl,
        ["CreatedAt"] = n.CreatedAt,
    };

    private static PhoneNumberRecord FromEntity(TableEntity e, string number) => new()
    {
        AccountId = e.RequiredString("AccountId"),
        Number = number,
        ApplicationId = e.OptionalString("ApplicationId"),
        AnswerUrl = e.OptionalString("AnswerUrl"),
        EventUrl = e.OptionalString("EventUrl"),
        CreatedAt = e.OptionalTime("CreatedAt") ?? DateTimeOffset.MinValue,
    };
}
