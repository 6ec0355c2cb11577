using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Voice.Storage;

/// <summary>
/// What happened on each call as its API client saw it: the commands it accepted and the webhooks sent for it (table
/// <c>callevents</c>), for a dialect's call-event list (Telnyx's <c>GET /v2/call_events</c>). Each entry is written
/// twice, so both lists are one partition's key range, in time order: PartitionKey = account (the account's events),
/// and PartitionKey = <c>{account}|{call}</c> (one call's; a leg of another call's session is written under that call
/// too, so the partition of a session's first call holds the whole session); RowKey = <c>{UTC ticks, 19 digits}-{entry key}</c>. The
/// time is kept to the microsecond, the precision the list shows, so an equality filter on a listed time finds it.
/// </summary>
public sealed class CallEventLog
{
    public const string TableName = "callevents";

    /// <summary>A string property holds 32K UTF-16 characters; larger metadata is replaced by a marker.</summary>
    public const int MaxMetadataLength = 30_000;

    private const string TruncatedMetadata = "{\"truncated\":true}";
    private const int TicksDigits = 19;

    private readonly TableClient table;
    private volatile bool tableCreated;

    public CallEventLog(StorageClients storage)
    {
        table = storage.Tables.GetTableClient(TableName);
    }

    /// <summary>
    /// Records <paramref name="entry"/>. An entry with the same key at the same time is stored once (a repeated
    /// webhook delivery keys its entry by the event, so it is not listed twice).
    /// </summary>
    public async Task AddAsync(CallEventEntry entry, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var time = ToMicroseconds(entry.Time);
        var suffix = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(entry.Key)).AsSpan(0, 12));
        var rowKey = Ticks(time) + "-" + suffix;
        var metadata = entry.MetadataJson.Length <= MaxMetadataLength ? entry.MetadataJson : TruncatedMetadata;
        var writes = new List<Task>
        {
            AddIfAbsentAsync(ToEntity(entry.AccountId, rowKey, entry, time, metadata), cancellationToken),
            AddIfAbsentAsync(ToEntity(CallPartition(entry.AccountId, entry.CallId), rowKey, entry, time, metadata), cancellationToken),
        };
        if (entry.SessionCallId is { } session && session != entry.CallId)
        {
            writes.Add(AddIfAbsentAsync(ToEntity(CallPartition(entry.AccountId, session), rowKey, entry, time, metadata), cancellationToken));
        }

        await Task.WhenAll(writes);
    }

    /// <summary>
    /// A page of the account's entries (only the session of <paramref name="sessionCallId"/>'s when given, and only the
    /// leg <paramref name="legCallId"/>'s when given) from <paramref name="from"/>
    /// (inclusive) to <paramref name="until"/> (exclusive), oldest first, of <paramref name="kind"/> and named
    /// <paramref name="name"/> when given.
    /// </summary>
    public async Task<Page<CallEventEntry>> ListAsync(
        string accountId, string? sessionCallId, string? legCallId, DateTimeOffset? from, DateTimeOffset? until, CallEventKind? kind, string? name,
        int page, int pageSize, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var partitionCall = sessionCallId ?? legCallId;
        var partition = partitionCall is null ? accountId : CallPartition(accountId, partitionCall);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        if (legCallId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"CallId eq {legCallId}");
        }
        if (from is { } start)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey ge {Ticks(start)}");
        }

        if (until is { } end)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey lt {Ticks(end)}");
        }

        if (kind is { } k)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Kind eq {k.ToString()}");
        }

        if (name is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Name eq {name}");
        }

        return await TableQueries.PageAsync(table, filter, page, pageSize, FromEntity, cancellationToken);
    }

    /// <summary>
    /// Created on first use rather than at bootstrap (only dialects with a call-event list need it); a failed creation
    /// is tried again by the next use.
    /// </summary>
    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (!tableCreated)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            tableCreated = true;
        }
    }

    private async Task AddIfAbsentAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Recorded already (the same webhook delivered again).
        }
    }

    private static TableEntity ToEntity(string partition, string rowKey, CallEventEntry entry, DateTimeOffset time, string metadata) => new(partition, rowKey)
    {
        ["AccountId"] = entry.AccountId,
        ["CallId"] = entry.CallId,
        ["SessionCallId"] = entry.SessionCallId,
        ["EventTime"] = time,
        ["Kind"] = entry.Kind.ToString(),
        ["Name"] = entry.Name,
        ["EntryKey"] = entry.Key,
        ["Metadata"] = metadata,
    };

    private static CallEventEntry FromEntity(TableEntity e) => new(
        e.RequiredString("AccountId"),
        e.RequiredString("CallId"),
        e.OptionalTime("EventTime") ?? DateTimeOffset.MinValue,
        Enum.TryParse<CallEventKind>(e.OptionalString("Kind"), out var kind) ? kind : CallEventKind.Webhook,
        e.RequiredString("Name"),
        e.OptionalString("EntryKey") ?? e.RowKey,
        e.OptionalString("Metadata") ?? "{}")
    {
        SessionCallId = e.OptionalString("SessionCallId"),
    };

    /// <summary>Call ids are <c>CA</c> and hex digits, so '|' cannot occur in either part.</summary>
    private static string CallPartition(string accountId, string callId) => accountId + "|" + callId;

    private static string Ticks(DateTimeOffset time) => time.UtcTicks.ToString("D" + TicksDigits, CultureInfo.InvariantCulture);

    private static DateTimeOffset ToMicroseconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
}
