using Microsoft.AspNetCore.Http;
using Voice.Engine.Conferences;

namespace Voice.Api.Telnyx;

/// <summary>
/// A refused conference operation on Telnyx's wire. 90018 ("Call has already ended") is Telnyx's; the other 90xxx
/// values are ours where Telnyx documents none (docs/dialects/telnyx.md lists them).
/// </summary>
public static class TelnyxConferenceErrors
{
    /// <summary>422: an action on a conference that has ended.</summary>
    public const string ConferenceEnded = "90060";

    /// <summary>422: a create with the name of a conference of the account that is still going.</summary>
    public const string NameInUse = "90061";

    /// <summary>422: a join to a conference at its <c>max_participants</c>.</summary>
    public const string Full = "90062";

    /// <summary>422: a call named that is not a participant of the conference.</summary>
    public const string NotAParticipant = "90063";

    /// <summary>The error for <paramref name="refusal"/>; <paramref name="callPointer"/> names the call's field (null: the call is in the path).</summary>
    public static IResult For(ConferenceRefusal refusal, string? callPointer) => refusal switch
    {
        ConferenceRefusal.CallNotFound => TelnyxResults.Error(
            StatusCodes.Status422UnprocessableEntity, TelnyxErrorCodes.InvalidId, "Invalid call_control_id",
            "the call is not a call of this account", Source(callPointer)),
        ConferenceRefusal.CallEnded => TelnyxResults.Error(
            StatusCodes.Status422UnprocessableEntity, TelnyxErrorCodes.CallEnded, "Call has already ended",
            "the call has already ended", Source(callPointer)),
        ConferenceRefusal.CallNotAnswered => TelnyxResults.Error(
            StatusCodes.Status422UnprocessableEntity, TelnyxCommandErrors.NotAnswered, "Call is not answered",
            "the call has not been answered yet", Source(callPointer)),
        ConferenceRefusal.ConferenceEnded => TelnyxResults.Error(
            StatusCodes.Status422UnprocessableEntity, ConferenceEnded, "Conference has already ended", "the conference has already ended"),
        ConferenceRefusal.NameInUse => TelnyxResults.Error(
            StatusCodes.Status422UnprocessableEntity, NameInUse, "Conference name in use",
            "a conference of this account with this name is still going; calls join it with actions.join", new TelnyxErrorSource("/name")),
        ConferenceRefusal.Full => TelnyxResults.Error(
            StatusCodes.Status422UnprocessableEntity, Full, "Conference is full", "the conference has its maximum number of participants"),
        _ => TelnyxResults.Error(
            StatusCodes.Status422UnprocessableEntity, NotAParticipant, "Not a participant",
            "the call is not a participant of this conference", Source(callPointer)),
    };

    private static TelnyxErrorSource? Source(string? pointer) => pointer is null ? null : new TelnyxErrorSource(pointer);
}
