using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Voice.Storage;

/// <summary>
/// Fixed-window request counters in the <c>ratelimits</c> table (PartitionKey = tenant, RowKey =
/// <c>{limit}|{window start, unix seconds}</c>), incremented with ETag checks so every instance of the app counts
/// against the same number. A window's row is left behind when it ends; the previous window's is deleted by the
/// first request of the next one, so a tenant keeps at most a couple of rows per limit.
/// </summary>
public sealed class RateLimitCounter(StorageClients storage)
{
    private const int MaxAttempts = 32;
    private readonly TableClient table = storage.Tables.GetTableClient(StorageNames.RateLimitsTable);

    /// <summary>Counts one request in the window starting at <paramref name="windowStart"/>; returns the count including it.</summary>
    public async Task<long> IncrementAsync(string tenant, string limit, DateTimeOffset windowStart, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var rowKey = RowKey(limit, windowStart);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(tenant, rowKey, cancellationToken: cancellationToken);
            try
            {
                if (!found.HasValue)
                {
                    await table.AddEntityAsync(new TableEntity(tenant, rowKey) { ["Count"] = 1L }, cancellationToken);
                    await ForgetAsync(tenant, RowKey(limit, windowStart - window), cancellationToken);
                    return 1;
                }

                var count = (found.Value!.GetInt64("Count") ?? 0) + 1;
                await table.UpdateEntityAsync(new TableEntity(tenant, rowKey) { ["Count"] = count }, found.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return count;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another instance counted first: read again.
            }
        }

        throw new InvalidOperationException($"rate limit {tenant} {rowKey}: too many concurrent updates");
    }

    private static string RowKey(string limit, DateTimeOffset windowStart) =>
        limit + "|" + windowStart.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private async Task ForgetAsync(string tenant, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(tenant, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }
}
