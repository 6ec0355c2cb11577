using Voice.Core.Calls;
using Voice.Core.Queues;

namespace Voice.Api.Telnyx;

/// <summary>A call waiting in a queue on Telnyx's wire (<c>record_type: queue_call</c>).</summary>
public sealed record TelnyxQueueCall(
    string CallControlId,
    string CallLegId,
    string CallSessionId,
    string? ConnectionId,
    string From,
    string To,
    string EnqueuedAt,
    string QueueId,
    int QueuePosition,
    int WaitTimeSecs,
    bool IsAlive,
    string RecordType)
{
    public static TelnyxQueueCall Of(QueueRecord queue, int position, CallRecord call, DateTimeOffset now)
    {
        var entry = queue.Entries[position - 1];
        return new(
            TelnyxIds.CallControlId(call.Id),
            TelnyxIds.Uuid(call.Id),
            TelnyxIds.Uuid(TelnyxActiveCall.SessionCallId(call)),
            call.ApplicationId,
            call.From,
            call.To,
            TelnyxConference.Time(entry.EnqueuedAt),
            TelnyxIds.Uuid(queue.Id),
            position,
            entry.WaitSeconds(now),
            !call.Status.IsTerminal(),
            "queue_call");
    }
}
