using Azure.Data.Tables;
using Voice.Core.Calls;

namespace Voice.Storage;

/// <summary>
/// Calls' transcripts in the <c>transcripts</c> table: PartitionKey = <c>{account}|{call}</c>, RowKey =
/// <c>{start ms, 12 digits}-{track}-{segment id}</c>, so one call's transcript is one partition read in spoken order.
/// </summary>
public sealed class TranscriptRepository(StorageClients storage)
{
    private readonly TableClient table = storage.Tables.GetTableClient(StorageNames.TranscriptsTable);

    /// <summary>Stores a segment; storing it again changes nothing.</summary>
    public async Task SaveAsync(TranscriptSegment segment, CancellationToken cancellationToken = default) =>
        await table.UpsertEntityAsync(new TableEntity(Partition(segment.AccountId, segment.CallId), $"{segment.StartMs:D12}-{segment.Track}-{segment.Id}")
        {
            ["Id"] = segment.Id,
            ["Track"] = segment.Track,
            ["Text"] = segment.Text,
            ["Confidence"] = segment.Confidence,
            ["StartMs"] = segment.StartMs,
            ["DurationMs"] = segment.DurationMs,
            ["At"] = segment.At,
        }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>The call's segments in spoken order (at most <paramref name="max"/>).</summary>
    public async Task<IReadOnlyList<TranscriptSegment>> ListAsync(string accountId, string callId, int max = 5000, CancellationToken cancellationToken = default)
    {
        var segments = new List<TranscriptSegment>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(accountId, callId)}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            segments.Add(new TranscriptSegment
            {
                AccountId = accountId,
                CallId = callId,
                Id = e.GetString("Id") ?? e.RowKey,
                Track = e.GetString("Track") ?? "inbound",
                Text = e.GetString("Text") ?? "",
                Confidence = e.GetDouble("Confidence") ?? 0,
                StartMs = e.GetInt64("StartMs") ?? 0,
                DurationMs = e.GetInt64("DurationMs") ?? 0,
                At = e.GetDateTimeOffset("At") ?? e.Timestamp ?? DateTimeOffset.MinValue,
            });
            if (segments.Count >= max)
            {
                break;
            }
        }

        return segments;
    }

    private static string Partition(string accountId, string callId) => $"{accountId}|{callId}";
}
