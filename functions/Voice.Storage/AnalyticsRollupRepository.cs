using System.Globalization;
using Azure.Data.Tables;
using Voice.Core.Analytics;

namespace Voice.Storage;

/// <summary>
/// Per-account hourly analytics rollups in the <c>analytics</c> table, all in the account's partition: RowKey
/// <c>h|yyyyMMddHH</c> is an hour's totals, <c>c|yyyyMMddHH|{conversation}</c> what one conversation added to it. A
/// conversation's new contribution replaces its old one by their difference, in one entity-group transaction with
/// both rows' ETags — so a redelivered event changes nothing, two writers never lose an update, and the totals are
/// always the sum of their contributions. Queries read only <c>h|</c> rows: an hour per row, never a call per row.
/// </summary>
public sealed class AnalyticsRollupRepository(StorageClients storage)
{
    private const int MaxAttempts = 32;
    private readonly TableClient table = storage.Tables.GetTableClient(StorageNames.AnalyticsTable);

    /// <summary>Makes <paramref name="contribution"/> the conversation's share of <paramref name="hour"/>'s totals.</summary>
    public async Task ApplyAsync(string accountId, string conversationId, DateTimeOffset hour, RollupTotals contribution, CancellationToken cancellationToken = default)
    {
        var hourKey = HourKey(hour);
        var contributionKey = "c|" + hourKey[2..] + "|" + conversationId;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var totalsRow = await FindAsync(accountId, hourKey, cancellationToken);
            var previousRow = await FindAsync(accountId, contributionKey, cancellationToken);
            var previous = previousRow is null ? RollupTotals.Zero : Read(previousRow);
            if (previous == contribution)
            {
                return;
            }

            var totals = (totalsRow is null ? RollupTotals.Zero : Read(totalsRow)) - previous + contribution;
            var actions = new List<TableTransactionAction>
            {
                Write(Entity(accountId, hourKey, totals), totalsRow),
                Write(Entity(accountId, contributionKey, contribution), previousRow),
            };
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another writer changed the hour first: read again and recompute.
            }
        }

        throw new InvalidOperationException($"analytics {accountId} {hourKey}: too many concurrent updates");
    }

    /// <summary>The account's hourly totals for hours in [<paramref name="from"/>, <paramref name="until"/>), oldest first.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset Hour, RollupTotals Totals)>> ReadHoursAsync(
        string accountId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var hours = new List<(DateTimeOffset, RollupTotals)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {HourKey(from)} and RowKey lt {HourKey(until)}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var hour = DateTimeOffset.ParseExact(e.RowKey[2..], "yyyyMMddHH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            hours.Add((hour, Read(e)));
        }

        return hours;
    }

    private static string HourKey(DateTimeOffset hour) => "h|" + hour.ToUniversalTime().ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    private async Task<TableEntity?> FindAsync(string accountId, string rowKey, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(accountId, rowKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private static TableTransactionAction Write(TableEntity entity, TableEntity? existing) => existing is null
        ? new TableTransactionAction(TableTransactionActionType.Add, entity)
        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, existing.ETag);

    private static TableEntity Entity(string accountId, string rowKey, RollupTotals t) => new(accountId, rowKey)
    {
        ["Calls"] = t.Calls,
        ["Completed"] = t.Completed,
        ["Answered"] = t.Answered,
        ["DurationSeconds"] = t.DurationSeconds,
        ["Recorded"] = t.Recorded,
        ["ToolCalls"] = t.ToolCalls,
        ["ToolCallsSucceeded"] = t.ToolCallsSucceeded,
        ["Positive"] = t.Positive,
        ["Neutral"] = t.Neutral,
        ["Negative"] = t.Negative,
    };

    private static RollupTotals Read(TableEntity e) => new()
    {
        Calls = e.GetInt64("Calls") ?? 0,
        Completed = e.GetInt64("Completed") ?? 0,
        Answered = e.GetInt64("Answered") ?? 0,
        DurationSeconds = e.GetInt64("DurationSeconds") ?? 0,
        Recorded = e.GetInt64("Recorded") ?? 0,
        ToolCalls = e.GetInt64("ToolCalls") ?? 0,
        ToolCallsSucceeded = e.GetInt64("ToolCallsSucceeded") ?? 0,
        Positive = e.GetInt64("Positive") ?? 0,
        Neutral = e.GetInt64("Neutral") ?? 0,
        Negative = e.GetInt64("Negative") ?? 0,
    };
}
