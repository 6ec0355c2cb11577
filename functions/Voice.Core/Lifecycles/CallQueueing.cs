using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Core.Queues;

namespace Voice.Core.Lifecycles;

/// <summary>
/// A call's place in a queue. The engine enters the call in the queue before the command reaches the call (so the
/// position is known at once); the call remembers its queue in its record, reports call.enqueued, and takes itself out
/// (<see cref="LeaveQueue"/>) when it leaves, its wait runs out or it ends. Whoever actually removes it — the queue's
/// host for those, the bridge that took it as first in line — answers <see cref="QueueLeft"/>, and only that reports
/// call.dequeued, so a call taken by a bridge while it was hanging up is reported once.
/// </summary>
internal static class CallQueueing
{
    internal const string WaitTimer = "queue";

    public static void Enqueue(CallStep step, EnqueueCall enqueue)
    {
        if (step.Call.QueueName is { } current && current != enqueue.QueueName)
        {
            Leave(step, QueueDepartureReasons.Leave);
        }

        step.State = step.State with { Call = step.Call with { QueueName = enqueue.QueueName } };
        step.Emit(id => new SaveCall { Id = id, Call = step.Call });
        step.Publish(VoiceEventTypes.CallEnqueued, new()
        {
            ["queue"] = enqueue.QueueName,
            ["queue_position"] = enqueue.Position,
            ["queue_avg_wait_time_secs"] = enqueue.AverageWaitSeconds,
        });
        if (enqueue.MaxWaitSeconds > 0)
        {
            var waitedAlready = Math.Max(0, (step.Now - enqueue.EnqueuedAt).TotalSeconds);
            step.StartTimer(WaitTimer, step.Now.AddSeconds(Math.Max(0, enqueue.MaxWaitSeconds - waitedAlready)));
        }
        else
        {
            step.CancelTimer(WaitTimer);
        }

        QueueHoldAudio.Start(step, enqueue);
    }

    /// <summary>
    /// Takes the call out of its queue (if it is in one) for <paramref name="reason"/>. <paramref name="save"/> is false
    /// when the call is ending: its final save carries the change.
    /// </summary>
    public static void Leave(CallStep step, string reason, bool save = true)
    {
        if (step.Call.QueueName is not { } queue)
        {
            return;
        }

        step.CancelTimer(WaitTimer);
        QueueHoldAudio.Stop(step, stopMedia: save);
        step.Emit(id => new LeaveQueue { Id = id, AccountId = step.Call.AccountId, QueueName = queue, CallId = step.Call.Id, Reason = reason });
        step.State = step.State with { Call = step.Call with { QueueName = null } };
        if (save)
        {
            step.Emit(id => new SaveCall { Id = id, Call = step.Call });
        }
    }

    /// <summary>
    /// The call is out of the queue: its hold audio stops (before a bridge's audio is heard: the engine tells the call
    /// before the bridge is made), call.dequeued, and the record forgets the queue if it still names it. A call flow
    /// waiting in the queue goes on.
    /// </summary>
    public static void OnLeft(CallStep step, QueueLeft left)
    {
        if (step.State.QueueHold?.QueueName == left.QueueName)
        {
            QueueHoldAudio.Stop(step, stopMedia: !step.Status.IsTerminal());
        }

        if (step.Call.QueueName == left.QueueName)
        {
            step.CancelTimer(WaitTimer);
            step.State = step.State with { Call = step.Call with { QueueName = null } };
            if (!step.Status.IsTerminal())
            {
                step.Emit(id => new SaveCall { Id = id, Call = step.Call });
            }
        }

        step.Publish(VoiceEventTypes.CallDequeued, new()
        {
            ["queue"] = left.QueueName,
            ["queue_position"] = left.Position,
            ["reason"] = left.Reason,
            ["wait_time_secs"] = left.WaitSeconds,
        });
        CallFlowExecution.OnQueueLeft(step, left);
    }

    /// <summary>The queue of a call flow's enqueue action was full: reported as the enqueue's failure, and the flow goes on.</summary>
    public static void OnEntryRefused(CallStep step, QueueEntryRefused refused)
    {
        if (step.State.Waiting is not { Kind: WaitKind.Queue } wait || wait.Ref != refused.QueueName)
        {
            return;
        }

        step.Publish(VoiceEventTypes.CallCommandFailed, new()
        {
            ["command"] = nameof(EnqueueCall),
            ["command_id"] = refused.CommandId,
            ["reason"] = CommandRefusal.QueueFull.ToString(),
        });
        CallFlowExecution.Continue(step);
    }

    /// <summary>
    /// An enqueue that reached a call that had already ended: the engine entered the call in the queue, so it is taken
    /// out again rather than left there for a bridge to find.
    /// </summary>
    public static void UndoLateEnqueue(CallStep step, EnqueueCall enqueue) =>
        step.Emit(id => new LeaveQueue
        {
            Id = id,
            AccountId = step.Call.AccountId,
            QueueName = enqueue.QueueName,
            CallId = step.Call.Id,
            Reason = QueueDepartureReasons.Hangup,
        });
}
