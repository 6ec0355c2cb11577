using Voice.Core.Calls;

namespace Voice.Core.Commands;

/// <summary>
/// Which commands a call takes in which state. The API checks them against the stored record to answer at once;
/// the lifecycle checks them again against its own state (the record may be a moment behind) and drops a command
/// that no longer fits.
/// </summary>
public static class CallCommandRules
{
    public static CommandRefusal? Check(CallRecord call, CallCommand command)
    {
        if (call.Status.IsTerminal())
        {
            return CommandRefusal.CallEnded;
        }

        return command switch
        {
            AnswerCall or RejectCall when call.Direction != CallDirection.Inbound || call.Status != CallStatus.Ringing => CommandRefusal.NotRinging,
            HangupCall or UpdateClientState or AnswerCall or RejectCall => null,
            LeaveQueueCall when call.QueueName is null => CommandRefusal.NotInQueue,
            _ when call.Status != CallStatus.InProgress => CommandRefusal.NotAnswered,
            _ => null,
        };
    }

    /// <summary>The other side of a bridge must be another live, answered call of the same account.</summary>
    public static CommandRefusal? CheckBridgePartner(CallRecord call, CallRecord? other) =>
        other is null || other.Id == call.Id || other.AccountId != call.AccountId || other.Status != CallStatus.InProgress
            ? CommandRefusal.OtherCallNotActive
            : call.Node is { } node && other.Node is { } otherNode && node != otherNode
                ? CommandRefusal.OtherCallOnAnotherNode
                : null;
}
