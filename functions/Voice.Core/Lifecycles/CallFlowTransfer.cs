using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Core.Queues;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// Replaces a call's running call flow (<see cref="ReplaceCallFlow"/>, Vonage's transfer to an NCCO). What the old flow
/// waited on is stopped or left — a prompt or input on the node, a WebSocket stream, the conference, the connect leg
/// (hung up), the queue, a webhook fetch (its late answer is ignored) — and the new flow starts from its first action.
/// A background recording goes on. Events of what was stopped arrive later and no longer match the flow's wait.
/// </summary>
internal static class CallFlowTransfer
{
    public static void Apply(CallStep step, ReplaceCallFlow replace)
    {
        StopWaiting(step);
        step.Publish(VoiceEventTypes.CallFlowTransferred, replace.Url is { } url ? new() { ["url"] = url } : null);
        if (replace.Flow is { } flow)
        {
            step.State = step.State with { Flow = flow, NextAction = 0 };
            CallFlowExecution.Run(step);
            return;
        }

        step.State = step.State with { Flow = null, NextAction = 0 };
        WebhookFetches.Start(step, WebhookPurpose.Answer, replace.Url!, replace.Method, CallPayloads.Call(step.Call).ToJsonString());
    }

    private static void StopWaiting(CallStep step)
    {
        var call = step.Call;
        switch (step.State.Waiting)
        {
            case { Kind: WaitKind.Speak or WaitKind.Play or WaitKind.Gather }:
                step.Send(id => new StopMediaCommand { Id = id, CallId = call.Id, IssuedAt = step.Now });
                break;
            case { Kind: WaitKind.Stream } stream:
                step.Send(id => new StopStreamCommand { Id = id, CallId = call.Id, IssuedAt = step.Now, StreamId = stream.Ref });
                break;
            case { Kind: WaitKind.Pause }:
                step.CancelTimer(CallFlowExecution.PauseTimer);
                break;
            case { Kind: WaitKind.Queue }:
                CallQueueing.Leave(step, QueueDepartureReasons.Leave);
                break;
            case { Kind: WaitKind.Bridge } when step.State.BridgedWith is not null:
                CallCommandExecution.Issue(step, new UnbridgeCall { CommandId = "transfer:unbridge:" + step.State.SignalCount });
                break;
        }

        CallFlowExecution.StopRingback(step);
        if (step.State.ChildCallId is { } child)
        {
            step.Emit(id => new SignalCall { Id = id, CallId = child, Signal = new EndRequested() });
        }

        if (step.State.ConferenceName is { } conference)
        {
            var leave = new LeaveConference(call.Id, CallEnded: false);
            step.Emit(id => new SignalConference { Id = id, AccountId = call.AccountId, ConferenceName = conference, Signal = leave });
        }

        step.State = step.State with { Waiting = null, Fetch = null, ChildCallId = null, ConferenceName = null };
    }
}
