using Voice.Core.Conferences;

namespace Voice.Api.Telnyx;

/// <summary>
/// A conference participant on Telnyx's wire (<c>record_type: participant</c>). Its <c>id</c> is the call leg id: a
/// call is in a conference at most once.
/// </summary>
public sealed record TelnyxParticipant(
    string Id,
    string CallControlId,
    string CallLegId,
    TelnyxParticipantConference Conference,
    string CreatedAt,
    bool EndConferenceOnExit,
    bool Muted,
    bool OnHold,
    string RecordType,
    bool SoftEndConferenceOnExit,
    string Status,
    string UpdatedAt,
    IReadOnlyList<string> WhisperCallControlIds)
{
    public static TelnyxParticipant Of(ConferenceRecord conference, ConferenceMember member) => new(
        TelnyxIds.Uuid(member.CallId),
        TelnyxIds.CallControlId(member.CallId),
        TelnyxIds.Uuid(member.CallId),
        new TelnyxParticipantConference(TelnyxIds.Uuid(conference.Id), conference.FriendlyName ?? ""),
        TelnyxConference.Time(member.JoinedAt),
        member.EndOnExit,
        member.Muted,
        member.OnHold,
        "participant",
        false,
        member.Status == ConferenceMemberStatus.Left ? "left" : "joined",
        TelnyxConference.Time(member.UpdatedAt),
        []);
}

/// <summary>The conference a participant is in.</summary>
public sealed record TelnyxParticipantConference(string Id, string Name);
