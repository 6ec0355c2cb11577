using Azure.Data.Tables;

namespace Voice.Storage;

/// <summary>Shared query plumbing for account-partitioned tables.</summary>
internal static class TableQueries
{
    /// <summary>
    /// Pages through one account's partition (never other partitions), newest first, counting all matches.
    /// Cost is linear in the account's matching rows; only the requested page is kept in memory.
    /// </summary>
    public static async Task<Page<T>> PageAsync<T>(
        TableClient table, string accountId, IReadOnlyDictionary<string, string> equals,
        int page, int pageSize, Func<TableEntity, T> map, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId}");
        foreach (var (property, value) in equals)
        {
            // Property names come from code, values are escaped by CreateQueryFilter.
            filter += " and " + property + " eq " + TableClient.CreateQueryFilter($"{value}");
        }

        return await PageAsync(table, filter, page, pageSize, map, cancellationToken);
    }

    /// <summary>
    /// Pages through the rows <paramref name="filter"/> selects, in key order, counting all matches. The filter must
    /// name one partition (never more than one account's). Only the requested page is kept in memory.
    /// </summary>
    public static async Task<Page<T>> PageAsync<T>(
        TableClient table, string filter, int page, int pageSize, Func<TableEntity, T> map, CancellationToken cancellationToken)
    {
        var skip = (long)(page - 1) * pageSize;
        var items = new List<T>(pageSize);
        var total = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (total >= skip && items.Count < pageSize)
            {
                items.Add(map(entity));
            }

            total++;
        }

        return new Page<T>(items, total);
    }
}
