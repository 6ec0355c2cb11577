using Azure.Data.Tables;
using Voice.Core.Recordings;

namespace Voice.Storage;

/// <summary>
/// Recording metadata in the <c>recordings</c> table: PartitionKey = account, RowKey = recording id (it begins with
/// the call or conference id, so rows sort newest first like calls do).
/// </summary>
public sealed class RecordingRepository
{
    public RecordingRepository(StorageClients storage)
    {
        Table = new AccountScopedTable<RecordingRecord>(storage.Tables.GetTableClient(StorageNames.RecordingsTable), ToEntity, FromEntity);
    }

    public AccountScopedTable<RecordingRecord> Table { get; }

    /// <summary>A page of the account's recordings, optionally only one call's or one conference's.</summary>
    public Task<Page<RecordingRecord>> ListAsync(
        string accountId, string? callId, string? conferenceId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var equals = new Dictionary<string, string>();
        if (callId is not null)
        {
            equals["CallId"] = callId;
        }

        if (conferenceId is not null)
        {
            equals["ConferenceId"] = conferenceId;
        }

        return Table.ListAsync(accountId, equals, page, pageSize, cancellationToken);
    }

    private static TableEntity ToEntity(RecordingRecord r) => new(r.AccountId, r.Id)
    {
        ["CallId"] = r.CallId,
        ["ConferenceId"] = r.ConferenceId,
        ["BlobUrl"] = r.BlobUrl,
        ["DurationMs"] = r.DurationMs,
        ["Channels"] = r.Channels,
        ["SizeBytes"] = r.SizeBytes,
        ["Format"] = r.Format,
        ["DateCreated"] = r.DateCreated,
    };

    private static RecordingRecord FromEntity(TableEntity e) => new()
    {
        Id = e.RowKey,
        AccountId = e.PartitionKey,
        CallId = e.OptionalString("CallId"),
        ConferenceId = e.OptionalString("ConferenceId"),
        BlobUrl = e.RequiredString("BlobUrl"),
        DurationMs = e.GetInt64("DurationMs") ?? 0,
        Channels = e.OptionalInt("Channels") ?? 1,
        SizeBytes = e.GetInt64("SizeBytes") ?? 0,
        Format = e.OptionalString("Format") ?? "wav",
        DateCreated = e.OptionalTime("DateCreated") ?? e.Timestamp ?? DateTimeOffset.MinValue,
    };
}
