using Azure.Data.Tables;
using Voice.Core.Conferences;

namespace Voice.Storage;

/// <summary>Conferences in the <c>conferences</c> table: PartitionKey = account, RowKey = conference id.</summary>
public sealed class ConferenceRepository
{
    public ConferenceRepository(StorageClients storage)
    {
        Table = new AccountScopedTable<ConferenceRecord>(storage.Tables.GetTableClient(StorageNames.ConferencesTable), ToEntity, FromEntity);
    }

    public AccountScopedTable<ConferenceRecord> Table { get; }

    private static TableEntity ToEntity(ConferenceRecord c) => new(c.AccountId, c.Id)
    {
        ["FriendlyName"] = c.FriendlyName,
        ["Status"] = c.Status.ToString(),
        ["ParticipantCount"] = c.ParticipantCount,
        ["MaxParticipants"] = c.MaxParticipants,
        ["Record"] = c.Record,
        ["DateCreated"] = c.DateCreated,
    };

    private static ConferenceRecord FromEntity(TableEntity e) => new()
    {
        Id = e.RowKey,
        AccountId = e.PartitionKey,
        FriendlyName = e.OptionalString("FriendlyName"),
        Status = Enum.Parse<ConferenceStatus>(e.RequiredString("Status")),
        ParticipantCount = e.OptionalInt("ParticipantCount") ?? 0,
        MaxParticipants = e.OptionalInt("MaxParticipants") ?? 250,
        Record = e.Flag("Record"),
        DateCreated = e.OptionalTime("DateCreated") ?? DateTimeOffset.MinValue,
    };
}
