using Voice.Core.Calls;
using Voice.Media.Contracts;

namespace Voice.Api.Telnyx;

/// <summary>A live call of a connection on Telnyx's wire (<c>GET /connections/{id}/active_calls</c>).</summary>
public sealed record TelnyxActiveCall(string CallControlId, int CallDuration, string CallLegId, string CallSessionId, string? ClientState, string RecordType)
{
    /// <summary>Seconds since the call was answered (0 while it rings), as of <paramref name="now"/>.</summary>
    public static TelnyxActiveCall Of(CallRecord call, DateTimeOffset now) => new(
        TelnyxIds.CallControlId(call.Id),
        call.StartTime is { } answered ? (int)Math.Max(0, (now - answered).TotalSeconds) : 0,
        TelnyxIds.Uuid(call.Id),
        TelnyxIds.Uuid(SessionCallId(call)),
        call.ClientState,
        "call");

    /// <summary>
    /// A call session is the call a leg was created for: a transfer's or bridge's new leg shares its parent call's
    /// session; a call without a parent call is its own session.
    /// </summary>
    public static string SessionCallId(CallRecord call) =>
        SortableIds.IsWellFormed(call.ParentCallId, SortableIds.CallPrefix) ? call.ParentCallId! : call.Id;
}
