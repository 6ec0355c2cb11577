using System.Text.Json.Nodes;
using Voice.Core.Accounts;
using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Core.Queues;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// The state machine of one call leg: queued → ringing → in-progress → completed | failed | busy | no-answer |
/// canceled. It dials or answers, runs the call flow (<see cref="CallFlowExecution"/>), fetches webhooks with
/// one retry and a fallback, orders and deduplicates media events, and ends the call with start/end time and
/// duration. A terminal call absorbs every signal; the only effects it still emits report a background
/// recording that is saved after the hangup. Pure: see <see cref="ILifecycle{TState,TStart,TSignal}"/>.
/// </summary>
public sealed class CallLifecycle : ILifecycle<CallState, CallStart, CallSignal>
{
    /// <summary>How long an out-of-order media event waits for the gap before it to fill.</summary>
    public static readonly TimeSpan ReorderWindow = TimeSpan.FromSeconds(2);

    /// <summary>Most media events held back behind a gap; beyond it the gap is skipped at once.</summary>
    public const int MaxHeldEvents = 32;

    internal const string RingTimer = "ring";
    internal const string GapTimer = "gap";
    internal const string LimitTimer = "limit";

    public static CallLifecycle Instance { get; } = new();

    public bool IsFinished(CallState state) => state.Call.Status.IsTerminal();

    public Transition<CallState> Start(CallStart start, DateTimeOffset now) => start switch
    {
        StartOutboundCall outbound => StartOutbound(outbound, now),
        StartInboundCall inbound => StartInbound(inbound, now),
        _ => throw new ArgumentException($"unknown start {start.GetType().Name}", nameof(start)),
    };

    public Transition<CallState> Apply(CallState state, CallSignal signal, DateTimeOffset now)
    {
        var step = new CallStep(state, now);
        if (step.Status.IsTerminal())
        {
            ApplyWhenEnded(step, signal);
            return step.Finish();
        }

        switch (signal)
        {
            case MediaEventReceived { Event: var mediaEvent } when mediaEvent.CallId == state.Call.Id:
                MediaEventSequencer.Receive(step, mediaEvent, ApplyMediaEvent);
                break;
            case TimerFired fired:
                OnTimer(step, fired.TimerId);
                break;
            case EndRequested:
                OnEndRequested(step);
                break;
            case CallFlowFetched fetched:
                WebhookFetches.OnFetched(step, fetched);
                break;
            case WebhookFailed failed:
                WebhookFetches.OnFailed(step, failed);
                break;
            case ChildCallStatusChanged child:
                OnChildCall(step, child);
                break;
            case MediaNodeLost lost when lost.Node == step.Call.Node:
                End(step, CallStatus.Failed, HangupCauses.MediaNodeLost);
                break;
            case ConferenceJoinRejected rejected when step.State.Waiting is { Kind: WaitKind.Conference } wait && wait.Ref == rejected.ConferenceName:
                step.State = step.State with { ConferenceName = null };
                var say = step.Send(id => new SayCommand { Id = id, CallId = step.Call.Id, IssuedAt = now, Text = rejected.Message });
                step.State = step.State with { Waiting = new FlowWait(WaitKind.FinalPrompt, say) };
                break;
            case CommandRequested requested:
                CallCommandExecution.Apply(step, requested.Command);
                break;
            case QueueLeft left:
                CallQueueing.OnLeft(step, left);
                break;
            case QueuePosition position:
                QueueHoldAudio.OnPosition(step, position);
                break;
            case QueueEntryRefused refused:
                CallQueueing.OnEntryRefused(step, refused);
                break;
            case PeerBridged bridged:
                QueueHoldAudio.Stop(step, stopMedia: true);
                step.State = step.State with { BridgedWith = bridged.OtherCallId };
                step.Publish(VoiceEventTypes.CallBridged, new() { ["other_call_id"] = bridged.OtherCallId });
                break;
            case EffectsFailed failed:
                step.Publish(VoiceEventTypes.CallFlowFailed, new() { ["reason"] = failed.Reason });
                HangUp(step, CallStatus.Failed, "effects_failed");
                break;
            case PeerUnbridged unbridged when step.State.BridgedWith == unbridged.OtherCallId:
                step.State = step.State with { BridgedWith = null };
                CallFlowExecution.OnPeerUnbridged(step);
                break;
            case ConferenceLeft left when step.State.Waiting is { Kind: WaitKind.Conference } wait && wait.Ref == left.ConferenceName:
                step.State = step.State with { ConferenceName = null, Waiting = null };
                CallFlowExecution.Run(step);
                break;
        }

        return step.Finish();
    }

    private static Transition<CallState> StartOutbound(StartOutboundCall start, DateTimeOffset now)
    {
        var call = start.Call with { Status = CallStatus.Queued, Direction = CallDirection.Outbound };
        var step = new CallStep(NewState(call, start), now);

        // The dial goes first: hosts run effects in order, and the call record already exists (the API stored it).
        step.Send(id => new DialCommand
        {
            Id = id,
            CallId = call.Id,
            IssuedAt = now,
            To = call.To,
            From = call.From,
            TimeoutSeconds = call.TimeoutSeconds,
            Headers = start.DialHeaders,
        });
        step.ChangeStatus(c => c, VoiceEventTypes.CallInitiated);
        step.StartTimer(RingTimer, now.AddSeconds(call.TimeoutSeconds));
        step.State = step.State with { Flow = start.CallFlow, AnswerCommands = start.AnswerCommands };
        return step.Finish();
    }

    private static Transition<CallState> StartInbound(StartInboundCall start, DateTimeOffset now)
    {
        var incoming = start.Incoming;
        var call = new CallRecord
        {
            Id = incoming.CallId,
            AccountId = start.AccountId,
            Status = CallStatus.Ringing,
            Direction = CallDirection.Inbound,
            From = incoming.From,
            To = incoming.To,
            Url = start.Behaviour == InboundBehaviour.Fetch ? start.AnswerUrl : null,
            StatusCallback = start.StatusCallback,
            StatusCallbackMethod = start.StatusCallbackMethod,
            CreatedAt = now,
            ApplicationId = start.ApplicationId,
            Node = Voice.Media.Contracts.Nodes.MediaNodeAddress.TryParse(start.Incoming.Node),
            Dialect = start.Dialect,
            Reporting = start.Reporting,
        };
        var step = new CallStep(NewState(call, start) with { NextMediaSeq = Math.Max(1, incoming.Seq + 1) }, now);
        step.ChangeStatus(c => c, VoiceEventTypes.CallInitiated);
        if (start.Behaviour == InboundBehaviour.Fetch)
        {
            WebhookFetches.Start(step, WebhookPurpose.Answer, start.AnswerUrl, start.AnswerMethod, CallPayloads.Call(call).ToJsonString());
        }
        else
        {
            // Parked: the node keeps ringing; the caller hears ringback until an answer/reject command (or its ring timeout).
            step.StartTimer(RingTimer, now.AddSeconds(call.TimeoutSeconds));
        }

        return step.Finish();
    }

    private static CallState NewState(CallRecord call, CallStart start) => new()
    {
        Call = call,
        AnswerMethod = start.AnswerMethod,
        FallbackUrl = start.FallbackUrl,
        LengthLimitSeconds = start.LengthLimitSeconds,
    };

    private static void ApplyMediaEvent(CallStep step, MediaEvent mediaEvent)
    {
        if (step.Status.IsTerminal())
        {
            if (mediaEvent is RecordingSavedEvent saved)
            {
                CallFlowExecution.OnRecordingSaved(step, saved);
            }
            else if (mediaEvent is ReferProgressEvent { Final: true } referEnd)
            {
                CallTransferEvents.OnReferProgress(step, referEnd);
            }

            return;
        }

        switch (mediaEvent)
        {
            case RingingEvent when step.Status == CallStatus.Queued:
                step.ChangeStatus(c => c with { Status = CallStatus.Ringing }, VoiceEventTypes.CallRinging);
                break;
            case AnsweredEvent when step.Status is CallStatus.Queued or CallStatus.Ringing:
                OnAnswered(step);
                break;
            case HangupEvent hangup:
                var status = HangupCauses.FinalStatus(hangup.Cause, step.Status == CallStatus.InProgress);
                End(step, status, hangup.Cause);
                break;
            case var _ when QueueHoldAudio.OnMediaEvent(step, mediaEvent):
                break;
            case var _ when CallCommandExecution.OnMediaEvent(step, mediaEvent):
                break;
            case StreamStartedEvent or StreamStoppedEvent or StreamFailedEvent:
                CallStreaming.OnMediaEvent(step, mediaEvent);
                break;
            case TranscriptionEvent or TranscriptionStoppedEvent:
                CallTranscription.OnMediaEvent(step, mediaEvent);
                break;
            case ReferProgressEvent refer:
                CallTransferEvents.OnReferProgress(step, refer);
                break;
            case SipInfoReceivedEvent info:
                step.Publish(VoiceEventTypes.CallSipInfoReceived, new() { ["content_type"] = info.ContentType, ["body"] = info.Body });
                break;
            case PlaybackStartedEvent or PlaybackEndedEvent or MediaErrorEvent
                when mediaEvent.CommandId?.StartsWith(SortableIds.ConferencePrefix, StringComparison.Ordinal) == true
                    && step.State.ConferenceName is { } conference:
                // Speech or audio the conference played to this participant: the conference reports it.
                var forwarded = new ConferenceMediaEventReceived(mediaEvent);
                step.Emit(id => new SignalConference { Id = id, AccountId = step.Call.AccountId, ConferenceName = conference, Signal = forwarded });
                break;
            default:
                CallFlowExecution.OnMediaEvent(step, mediaEvent);
                break;
        }
    }

    private static void OnAnswered(CallStep step)
    {
        step.CancelTimer(RingTimer);
        step.ChangeStatus(c => c with { Status = CallStatus.InProgress, StartTime = step.Now }, VoiceEventTypes.CallAnswered);
        if (step.State.LengthLimitSeconds is { } limit)
        {
            step.StartTimer(LimitTimer, step.Now.AddSeconds(limit));
        }

        if (step.Call.Record)
        {
            CallFlowExecution.StartRecording(step, channels: 2, maxSeconds: 0, eventUrl: null, endOnKey: null);
        }

        var answerCommands = step.State.AnswerCommands;
        step.State = step.State with { AnswerCommands = [] };
        foreach (var command in answerCommands)
        {
            CallCommandExecution.Apply(step, command);
        }

        if (step.State.Waiting is { Kind: WaitKind.Answer })
        {
            step.State = step.State with { Waiting = null };
        }
        else if (step.State.Flow is null && step.State.Fetch is null && step.Call.Url is { } url)
        {
            WebhookFetches.Start(step, WebhookPurpose.Answer, url, step.State.AnswerMethod, CallPayloads.Call(step.Call).ToJsonString());
            return;
        }

        CallFlowExecution.Run(step);
    }

    private static void OnTimer(CallStep step, string timerId)
    {
        if (!step.State.Timers.Contains(timerId))
        {
            return;
        }

        step.State = step.State with { Timers = step.State.Timers.Remove(timerId) };
        var name = timerId[(timerId.LastIndexOf(':') + 1)..];
        switch (name)
        {
            case RingTimer when step.Status is CallStatus.Queued or CallStatus.Ringing:
                HangUp(step, CallStatus.NoAnswer, "no_answer");
                break;
            case LimitTimer:
                HangUp(step, CallStatus.Completed, "length_limit");
                break;
            case CallFlowExecution.PauseTimer:
                CallFlowExecution.OnPauseEnded(step);
                break;
            case GapTimer:
                MediaEventSequencer.SkipGap(step, ApplyMediaEvent);
                break;
            case CallQueueing.WaitTimer:
                CallQueueing.Leave(step, QueueDepartureReasons.Timeout);
                break;
            case QueueHoldAudio.AnnouncementTimer:
                QueueHoldAudio.OnAnnouncementDue(step);
                break;
        }
    }

    private static void OnEndRequested(CallStep step)
    {
        step.State = step.State with { Call = step.Call with { EndRequestedAt = step.Now } };
        step.Publish(VoiceEventTypes.CallEndRequested);
        HangUp(step, step.Status == CallStatus.InProgress ? CallStatus.Completed : CallStatus.Canceled, "end_requested");
    }

    private static void OnChildCall(CallStep step, ChildCallStatusChanged child)
    {
        if (child.ChildCallId != step.State.ChildCallId)
        {
            return;
        }

        if (child.Status == CallStatus.InProgress || child.Status.IsTerminal())
        {
            CallFlowExecution.StopRingback(step);
        }

        if (child.Status == CallStatus.InProgress && step.Status == CallStatus.InProgress)
        {
            step.Send(id => new BridgeCommand { Id = id, CallId = step.Call.Id, IssuedAt = step.Now, OtherCallId = child.ChildCallId });
        }
        else if (child.Status.IsTerminal())
        {
            step.State = step.State with { ChildCallId = null };
            if (step.State.Waiting is { Kind: WaitKind.ChildCall } wait && wait.Ref == child.ChildCallId)
            {
                step.State = step.State with { Waiting = null };
                CallFlowExecution.Run(step);
            }
        }
    }

    /// <summary>Ends the call from this side: a hangup command, then the final status at once.</summary>
    internal static void HangUp(CallStep step, CallStatus status, string reason)
    {
        step.Send(id => new HangupCommand { Id = id, CallId = step.Call.Id, IssuedAt = step.Now, Reason = reason });
        End(step, status, reason);
    }

    /// <summary>
    /// Moves to a final status: end time and duration (whole seconds from answer), timers cancelled, a connected
    /// leg ended, the conference left, a bridged call told, held events and the flow dropped.
    /// </summary>
    internal static void End(CallStep step, CallStatus status, string reason)
    {
        step.CancelAllTimers();
        CallQueueing.Leave(step, QueueDepartureReasons.Hangup, save: false);
        QueueHoldAudio.Stop(step, stopMedia: false);
        if (step.State.BridgedWith is { } peer)
        {
            step.Emit(id => new SignalCall { Id = id, CallId = peer, Signal = new PeerUnbridged(step.Call.Id) });
        }

        if (step.State.ChildCallId is { } child)
        {
            step.Emit(id => new SignalCall { Id = id, CallId = child, Signal = new EndRequested() });
        }

        if (step.State.ConferenceName is { } conference)
        {
            var leave = new LeaveConference(step.Call.Id, CallEnded: true);
            step.Emit(id => new SignalConference { Id = id, AccountId = step.Call.AccountId, ConferenceName = conference, Signal = leave });
        }

        step.State = step.State with
        {
            Waiting = null,
            Fetch = null,
            ChildCallId = null,
            ConferenceName = null,
            HeldEvents = [],
        };
        var now = step.Now;
        step.ChangeStatus(
            c => c with
            {
                Status = status,
                EndTime = now,
                Duration = c.StartTime is { } start ? (int)Math.Max(0, (now - start).TotalSeconds) : 0,
            },
            VoiceEventTypes.CallCompleted,
            new JsonObject { ["reason"] = reason });
    }

    /// <summary>
    /// A terminal call only reports what ends after its hangup (a background recording the node saves, its streams
    /// closing, the end of a refer, its departure from a queue), and takes itself out of a queue a late enqueue put it in.
    /// </summary>
    private static void ApplyWhenEnded(CallStep step, CallSignal signal)
    {
        switch (signal)
        {
            case MediaEventReceived { Event: RecordingSavedEvent saved } when saved.CallId == step.Call.Id:
                CallFlowExecution.OnRecordingSaved(step, saved);
                break;
            case MediaEventReceived { Event: StreamStoppedEvent stopped } when stopped.CallId == step.Call.Id:
                // The node closes a call's streams as it hangs up, after the call ended here.
                CallStreaming.OnMediaEvent(step, stopped);
                break;
            case MediaEventReceived { Event: ReferProgressEvent { Final: true } referEnd } when referEnd.CallId == step.Call.Id:
                // A transferee's BYE can overtake the report of the final NOTIFY: the refer's end is still told.
                CallTransferEvents.OnReferProgress(step, referEnd);
                break;
            case QueueLeft left:
                CallQueueing.OnLeft(step, left);
                break;
            case CommandRequested { Command: EnqueueCall enqueue }:
                CallQueueing.UndoLateEnqueue(step, enqueue);
                break;
        }
    }
}
