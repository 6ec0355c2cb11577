using Voice.Core.Conferences;
using Voice.Media.Contracts;

namespace Voice.Engine.Conferences;

/// <summary>The record of a conference that starts now (from the API, or from a call flow's conversation).</summary>
public static class NewConference
{
    public static ConferenceRecord Create(string accountId, string? friendlyName, DateTimeOffset now, int maxParticipants = 250, bool record = false) => new()
    {
        Id = SortableIds.New(SortableIds.ConferencePrefix, now),
        AccountId = accountId,
        FriendlyName = friendlyName,
        Status = ConferenceStatus.Init,
        MaxParticipants = maxParticipants,
        Record = record,
        DateCreated = now,
    };
}
