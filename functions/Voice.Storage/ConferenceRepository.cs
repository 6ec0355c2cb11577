using System.Collections.Immutable;
using System.Globalization;
using Azure.Data.Tables;
using Voice.Core.Accounts;
using Voice.Core.Conferences;

namespace Voice.Storage;

/// <summary>
/// Conferences in the <c>conferences</c> table: PartitionKey = account, RowKey = conference id. The members travel
/// in one column, a line each (<c>{call id} {J|L} {muted}{on hold}{end on exit} {joined} {updated}</c>, times in unix
/// milliseconds): a conference's participant list is read with it, and 250 members and the remembered departures
/// (about 70 characters each) stay well under a string property's 32K characters, which JSON would not.
/// </summary>
public sealed class ConferenceRepository
{

    public ConferenceRepository(StorageClients storage)
    {
        Table = new AccountScopedTable<ConferenceRecord>(storage.Tables.GetTableClient(StorageNames.ConferencesTable), ToEntity, FromEntity);
    }

    public AccountScopedTable<ConferenceRecord> Table { get; }

    /// <summary>
    /// The conference with this id whatever its account (a query across partitions), or null: the media-node's events
    /// about a conference (its mix recording) name only its id.
    /// </summary>
    public async Task<ConferenceRecord?> FindAsync(string conferenceId, CancellationToken cancellationToken = default)
    {
        await foreach (var entity in Table.Client.QueryAsync<TableEntity>(e => e.RowKey == conferenceId, maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return FromEntity(entity);
        }

        return null;
    }

    private static TableEntity ToEntity(ConferenceRecord c) => new(c.AccountId, c.Id)
    {
        ["FriendlyName"] = c.FriendlyName,
        ["Status"] = c.Status.ToString(),
        ["ParticipantCount"] = c.ParticipantCount,
        ["MaxParticipants"] = c.MaxParticipants,
        ["Record"] = c.Record,
        ["DateCreated"] = c.DateCreated,
        ["Dialect"] = c.Dialect.ToString(),
        ["WebhookUrl"] = c.WebhookUrl,
        ["ApplicationId"] = c.ApplicationId,
        ["ClientState"] = c.ClientState,
        ["CreatorCallId"] = c.CreatorCallId,
        ["ExpiresAt"] = c.ExpiresAt,
        ["HoldAudioUrl"] = c.HoldAudioUrl,
        ["UpdatedAt"] = c.UpdatedAt,
        ["EndedAt"] = c.EndedAt,
        ["EndReason"] = c.EndReason,
        ["EndedByCallId"] = c.EndedByCallId,
        ["Node"] = c.Node?.ToString(),
        ["Participants"] = c.Participants.IsEmpty ? null : string.Join('\n', c.Participants.Select(MemberLine)),
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
        Dialect = Enum.TryParse<ApplicationDialect>(e.OptionalString("Dialect"), out var dialect) ? dialect : ApplicationDialect.Telefon,
        WebhookUrl = e.OptionalString("WebhookUrl"),
        ApplicationId = e.OptionalString("ApplicationId"),
        ClientState = e.OptionalString("ClientState"),
        CreatorCallId = e.OptionalString("CreatorCallId"),
        ExpiresAt = e.OptionalTime("ExpiresAt"),
        HoldAudioUrl = e.OptionalString("HoldAudioUrl"),
        UpdatedAt = e.OptionalTime("UpdatedAt"),
        EndedAt = e.OptionalTime("EndedAt"),
        EndReason = e.OptionalString("EndReason"),
        EndedByCallId = e.OptionalString("EndedByCallId"),
        Node = Voice.Media.Contracts.Nodes.MediaNodeAddress.TryParse(e.OptionalString("Node")),
        Participants = e.OptionalString("Participants") is { } lines
            ? [.. lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ParseMember)]
            : ImmutableList<ConferenceMember>.Empty,
    };

    private static string MemberLine(ConferenceMember m) => string.Create(
        CultureInfo.InvariantCulture,
        $"{m.CallId} {(m.Status == ConferenceMemberStatus.Left ? 'L' : 'J')} {Bit(m.Muted)}{Bit(m.OnHold)}{Bit(m.EndOnExit)} {m.JoinedAt.ToUnixTimeMilliseconds()} {m.UpdatedAt.ToUnixTimeMilliseconds()}");

    private static ConferenceMember ParseMember(string line)
    {
        var parts = line.Split(' ');
        if (parts.Length != 5 || parts[2].Length != 3)
        {
            throw new InvalidDataException($"conference member '{line}' is not '<call id> <J|L> <flags> <joined> <updated>'");
        }

        return new ConferenceMember
        {
            CallId = parts[0],
            Status = parts[1] == "L" ? ConferenceMemberStatus.Left : ConferenceMemberStatus.Joined,
            Muted = parts[2][0] == '1',
            OnHold = parts[2][1] == '1',
            EndOnExit = parts[2][2] == '1',
            JoinedAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[3], CultureInfo.InvariantCulture)),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[4], CultureInfo.InvariantCulture)),
        };
    }

    private static char Bit(bool value) => value ? '1' : '0';
}
