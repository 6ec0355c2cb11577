using Voice.Api.Http;
using Voice.Core.Conferences;

namespace Voice.Api.Telefon;

/// <summary>The Telefon v1 <c>Conference</c> schema on the wire.</summary>
public sealed record TelefonConference(string Id, string? FriendlyName, string Status, int ParticipantCount, string DateCreated)
{
    public static TelefonConference Of(ConferenceRecord c) => new(
        c.Id,
        c.FriendlyName,
        c.Status switch
        {
            ConferenceStatus.Init => "init",
            ConferenceStatus.InProgress => "in-progress",
            _ => "completed",
        },
        c.ParticipantCount,
        ApiJson.Rfc3339(c.DateCreated)!);
}

/// <summary>The body of <c>GET /conferences</c>; <c>total</c> is an addition to the spec, as on <c>GET /calls</c>.</summary>
public sealed record TelefonConferenceList(IReadOnlyList<TelefonConference> Conferences, int Total);
