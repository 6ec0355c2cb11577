using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Voice.Core.Queues;

namespace Voice.Storage;

/// <summary>
/// Call queues in the <c>queues</c> table: PartitionKey = account, RowKey = the SHA-256 of the queue's name (names are
/// the API's key and may hold characters row keys refuse). The waiting calls travel in one column, a line each
/// (<c>{call id} {enqueued, unix ms}</c>): 500 of them take about 25K of a string property's 32K characters, and every
/// change to the queue is one conditional replace of one row.
/// </summary>
public sealed class QueueRepository
{
    public QueueRepository(StorageClients storage)
    {
        Table = new AccountScopedTable<QueueRecord>(storage.Tables.GetTableClient(StorageNames.QueuesTable), ToEntity, FromEntity);
    }

    public AccountScopedTable<QueueRecord> Table { get; }

    /// <summary>The row key of the queue named <paramref name="name"/>.</summary>
    public static string RowKey(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    private static TableEntity ToEntity(QueueRecord q) => new(q.AccountId, RowKey(q.Name))
    {
        ["QueueId"] = q.Id,
        ["Name"] = q.Name,
        ["MaxSize"] = q.MaxSize,
        ["CreatedAt"] = q.CreatedAt,
        ["UpdatedAt"] = q.UpdatedAt,
        ["Entries"] = string.Join('\n', q.Entries.Select(EntryLine)),
    };

    private static QueueRecord FromEntity(TableEntity e) => new()
    {
        Id = e.RequiredString("QueueId"),
        AccountId = e.PartitionKey,
        Name = e.RequiredString("Name"),
        MaxSize = e.OptionalInt("MaxSize") ?? QueueRecord.DefaultMaxSize,
        CreatedAt = e.OptionalTime("CreatedAt") ?? DateTimeOffset.MinValue,
        UpdatedAt = e.OptionalTime("UpdatedAt") ?? DateTimeOffset.MinValue,
        Entries = e.OptionalString("Entries") is { Length: > 0 } lines
            ? [.. lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ParseEntry)]
            : ImmutableList<QueueEntry>.Empty,
    };

    private static string EntryLine(QueueEntry entry) =>
        string.Create(CultureInfo.InvariantCulture, $"{entry.CallId} {entry.EnqueuedAt.ToUnixTimeMilliseconds()}");

    private static QueueEntry ParseEntry(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !long.TryParse(line.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var enqueuedMs))
        {
            throw new InvalidDataException($"queue entry '{line}' is not '<call id> <enqueued unix ms>'");
        }

        return new QueueEntry(line[..space], DateTimeOffset.FromUnixTimeMilliseconds(enqueuedMs));
    }
}
