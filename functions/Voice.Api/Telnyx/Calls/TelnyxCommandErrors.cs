using Microsoft.AspNetCore.Http;
using Voice.Core.Commands;

namespace Voice.Api.Telnyx;

/// <summary>
/// A refused call command on Telnyx's wire. 90018 ("Call has already ended") is Telnyx's; the other 90xxx values
/// are ours where Telnyx documents none (docs/dialects/telnyx.md lists them).
/// </summary>
public static class TelnyxCommandErrors
{
    /// <summary>422: answer/reject on a call that is not an inbound call still ringing.</summary>
    public const string NotRinging = "90034";

    /// <summary>422: a media command on a call that is not answered yet.</summary>
    public const string NotAnswered = "90035";

    /// <summary>422: bridge with a call that is not another live, answered call of the account.</summary>
    public const string BridgePartner = "90046";

    /// <summary>422: bridge with a call on another media node (docs/dialects/telnyx.md).</summary>
    public const string BridgeAcrossNodes = "90047";

    public static IResult For(CommandRefusal refusal, string callControlId) => refusal switch
    {
        CommandRefusal.CallNotFound => TelnyxResults.NotFound("call " + callControlId),
        CommandRefusal.CallEnded => TelnyxResults.CallEnded(callControlId),
        CommandRefusal.NotRinging => Unprocessable(NotRinging, "Call is not ringing", $"call {callControlId} is not an inbound call waiting to be answered"),
        CommandRefusal.NotAnswered => Unprocessable(NotAnswered, "Call is not answered", $"call {callControlId} has not been answered yet"),
        CommandRefusal.QueueEmpty => TelnyxQueueErrors.IsEmpty(),
        CommandRefusal.QueueFull => TelnyxQueueErrors.IsFull(),
        CommandRefusal.NotInQueue => TelnyxQueueErrors.CallNotInQueue(callControlId),
        CommandRefusal.OtherCallOnAnotherNode => TelnyxResults.Error(
            StatusCodes.Status422UnprocessableEntity, BridgeAcrossNodes, "Calls are on different media nodes",
            "'call_control_id' names a call on another media node; bridge calls placed on one node (dial with 'bridge_on_answer', or 'transfer')",
            new TelnyxErrorSource("/call_control_id")),
        _ => TelnyxResults.Error(
            StatusCodes.Status422UnprocessableEntity, BridgePartner, "Invalid call to bridge with",
            "'call_control_id' must be another live, answered call of this account", new TelnyxErrorSource("/call_control_id")),
    };

    private static IResult Unprocessable(string code, string title, string detail) =>
        TelnyxResults.Error(StatusCodes.Status422UnprocessableEntity, code, title, detail, new TelnyxErrorSource("/call_control_id"));
}
