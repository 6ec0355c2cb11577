using Azure.Data.Tables;
using Voice.Core.Accounts;
using Voice.Core.Calls;
using Voice.Media.Contracts;

namespace Voice.Storage;

/// <summary>Calls in the <c>calls</c> table: PartitionKey = account, RowKey = call id (sorts newest first).</summary>
public sealed class CallRepository
{
    public CallRepository(StorageClients storage)
    {
        Table = new AccountScopedTable<CallRecord>(storage.Tables.GetTableClient(StorageNames.CallsTable), ToEntity, FromEntity);
    }

    public AccountScopedTable<CallRecord> Table { get; }

    /// <summary>The call, or null when the account has no such call (or the id cannot be a call id).</summary>
    public async Task<CallRecord?> FindAsync(string accountId, string callId, CancellationToken cancellationToken = default) =>
        SortableIds.IsWellFormed(callId, SortableIds.CallPrefix)
            ? (await Table.GetAsync(accountId, callId, cancellationToken))?.Value
            : null;

    public Task<Page<CallRecord>> ListAsync(
        string accountId, CallStatus? status, CallDirection? direction, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var equals = new Dictionary<string, string>();
        if (status is { } s)
        {
            equals["Status"] = s.ToWire();
        }

        if (direction is { } d)
        {
            equals["Direction"] = d.ToString();
        }

        return Table.ListAsync(accountId, equals, page, pageSize, cancellationToken);
    }

    private static TableEntity ToEntity(CallRecord call) => new(call.AccountId, call.Id)
    {
        ["Status"] = call.Status.ToWire(),
        ["Direction"] = call.Direction.ToString(),
        ["From"] = call.From,
        ["To"] = call.To,
        ["Url"] = call.Url,
        ["StatusCallback"] = call.StatusCallback,
        ["StatusCallbackMethod"] = call.StatusCallbackMethod,
        ["TimeoutSeconds"] = call.TimeoutSeconds,
        ["Record"] = call.Record,
        ["CreatedAt"] = call.CreatedAt,
        ["StartTime"] = call.StartTime,
        ["EndTime"] = call.EndTime,
        ["Duration"] = call.Duration,
        ["EndRequestedAt"] = call.EndRequestedAt,
        ["ParentCallId"] = call.ParentCallId,
        ["ApplicationId"] = call.ApplicationId,
        ["Dialect"] = call.Dialect.ToString(),
        ["Reporting"] = call.Reporting.ToString(),
        ["ClientState"] = call.ClientState,

        // "" rather than null: saves merge, and a null would leave the queue a call has left in the row.
        ["QueueName"] = call.QueueName ?? "",
        ["Node"] = call.Node?.ToString(),
    };

    private static CallRecord FromEntity(TableEntity e) => new()
    {
        Id = e.RowKey,
        AccountId = e.PartitionKey,
        Status = CallStatusNames.TryParse(e.OptionalString("Status"), out var status)
            ? status
            : throw new InvalidDataException($"call {e.RowKey} has an unknown status"),
        Direction = Enum.Parse<CallDirection>(e.RequiredString("Direction")),
        From = e.RequiredString("From"),
        To = e.RequiredString("To"),
        Url = e.OptionalString("Url"),
        StatusCallback = e.OptionalString("StatusCallback"),
        StatusCallbackMethod = e.OptionalString("StatusCallbackMethod"),
        TimeoutSeconds = e.OptionalInt("TimeoutSeconds") ?? 30,
        Record = e.Flag("Record"),
        CreatedAt = e.OptionalTime("CreatedAt") ?? e.Timestamp ?? DateTimeOffset.MinValue,
        StartTime = e.OptionalTime("StartTime"),
        EndTime = e.OptionalTime("EndTime"),
        Duration = e.OptionalInt("Duration"),
        EndRequestedAt = e.OptionalTime("EndRequestedAt"),
        ParentCallId = e.OptionalString("ParentCallId"),
        ApplicationId = e.OptionalString("ApplicationId"),

        // Rows written before dialects existed are Telefon calls reporting status changes.
        Dialect = Enum.TryParse<ApplicationDialect>(e.OptionalString("Dialect"), out var dialect) ? dialect : ApplicationDialect.Telefon,
        Reporting = Enum.TryParse<CallReporting>(e.OptionalString("Reporting"), out var reporting) ? reporting : CallReporting.StatusChanges,
        ClientState = e.OptionalString("ClientState"),
        QueueName = e.OptionalString("QueueName") is { Length: > 0 } queue ? queue : null,
        Node = Voice.Media.Contracts.Nodes.MediaNodeAddress.TryParse(e.OptionalString("Node")),
    };
}
