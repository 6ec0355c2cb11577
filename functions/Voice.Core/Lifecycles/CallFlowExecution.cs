using Voice.Core.CallFlow;
using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Core.Queues;
using Voice.Core.Recordings;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// Runs a call flow's actions in order on an answered call. Synchronous actions send their media command and wait
/// for its end event (talk → say / playback_ended, stream → play / playback_ended, input → gather / gather_ended,
/// record with an end condition → record / recording_saved, connect → the new leg's end, conversation → leaving
/// the conference, notify → its webhook's answer); a background record does not wait. Talk and stream actions
/// with bargeIn become the prompts of the input that follows them (one gather command; the node stops the
/// prompts on the first digit). When the list runs out the call is hung up, as Vonage does.
/// </summary>
internal static class CallFlowExecution
{
    /// <summary>The timer of a wait action.</summary>
    internal const string PauseTimer = "pause";

    /// <summary>Prompts a looping bargeIn talk/stream is expanded to at most (loop 0 plays once).</summary>
    private const int MaxPromptRepeats = 10;

    public static void Run(CallStep step)
    {
        while (step.State.Waiting is null && step.State.Flow is { } flow && step.Status == CallStatus.InProgress)
        {
            if (step.State.NextAction >= flow.Actions.Count)
            {
                CallLifecycle.HangUp(step, CallStatus.Completed, "call_flow_ended");
                return;
            }

            var index = step.State.NextAction;
            step.State = step.State with { NextAction = index + 1 };
            RunAction(step, flow, index);
        }
    }

    private static void RunAction(CallStep step, CallFlowDocument flow, int index)
    {
        var call = step.Call;
        var now = step.Now;
        switch (flow.Actions[index])
        {
            case var prompt when CallFlowParser.IsBargeInPrompt(prompt) && InputAfterPrompts(flow, index) is int inputIndex:
                GatherWithPrompts(step, flow, index, inputIndex);
                break;
            case TalkAction talk:
                var say = CallCommandExecution.Issue(step, new SpeakText { CommandId = FlowCommandId(step, index), Text = talk.Text, Voice = talk.Voice, Loop = talk.Loop });
                Wait(step, WaitKind.Speak, say!);
                break;
            case StreamAction stream:
                var play = CallCommandExecution.Issue(step, new PlayAudio { CommandId = FlowCommandId(step, index), Url = stream.StreamUrl, Loop = stream.Loop });
                Wait(step, WaitKind.Play, play!);
                break;
            case WebSocketStreamAction ws:
                var streamId = FlowCommandId(step, index);
                CallCommandExecution.Issue(step, new StartStreaming
                {
                    CommandId = streamId,
                    StreamId = streamId,
                    Url = ws.Url,
                    Framing = ws.Framing,
                    Codec = ws.Codec,
                    SampleRate = ws.SampleRate,
                    Track = ws.Track,
                    Bidirectional = ws.Bidirectional,
                    Fields = ws.Headers,
                });
                Wait(step, WaitKind.Stream, streamId);
                break;
            case InputAction input:
                Gather(step, input, []);
                break;
            case RecordAction record:
                var recordingId = StartRecording(
                    step, record.Channels, record.TimeOutSeconds ?? 0, record.EventUrl, record.EndOnKey, record.Format, record.EndOnSilenceSeconds, record.BeepStart);
                if (record.IsSynchronous)
                {
                    Wait(step, WaitKind.Recording, recordingId);
                }

                break;
            case ConnectAction connect:
                Connect(step, connect);
                break;
            case ConversationAction conversation:
                JoinConference(step, conversation);
                break;
            case NotifyAction notify:
                var payload = CallPayloads.Notify(call, notify.PayloadJson, now).ToJsonString();
                WebhookFetches.Start(step, WebhookPurpose.Notify, notify.EventUrl.Url, notify.EventUrl.Method, payload);
                break;
            case EnqueueAction enqueue:
                Enqueue(step, enqueue, index);
                break;
            case HangupAction:
                CallLifecycle.HangUp(step, CallStatus.Completed, "hangup_action");
                break;
            case WaitAction pause:
                step.StartTimer(PauseTimer, now.AddSeconds(pause.TimeoutSeconds));
                Wait(step, WaitKind.Pause, PauseTimer);
                break;
        }
    }

    /// <summary>
    /// The host enters the call in the queue (as the API does for a live enqueue) and answers with the enqueue command
    /// carrying the call's position, which the call then applies like any enqueue; the flow waits until the call leaves.
    /// </summary>
    private static void Enqueue(CallStep step, EnqueueAction action, int index)
    {
        var command = new EnqueueCall
        {
            CommandId = FlowCommandId(step, index),
            QueueName = action.Name,
            MaxSize = action.MaxSize,
            MaxWaitSeconds = action.MaxWaitSeconds,
            Hold = action.Hold,
        };
        step.Emit(id => new EnterQueue { Id = id, AccountId = step.Call.AccountId, CallId = step.Call.Id, Enqueue = command });
        Wait(step, WaitKind.Queue, action.Name);
    }

    /// <summary>
    /// The call left the queue its enqueue action waits in: without a bridge (timeout, leave) the flow goes on at once;
    /// taken by a bridge, it goes on when the other call leaves the bridge (<see cref="OnPeerUnbridged"/>).
    /// </summary>
    public static void OnQueueLeft(CallStep step, QueueLeft left)
    {
        if (step.State.Waiting is not { Kind: WaitKind.Queue } wait || wait.Ref != left.QueueName)
        {
            return;
        }

        if (left.Reason == QueueDepartureReasons.Bridged)
        {
            Wait(step, WaitKind.Bridge, left.QueueName);
        }
        else
        {
            Continue(step);
        }
    }

    /// <summary>The call this one was bridged with left the bridge: a flow waiting on that bridge goes on.</summary>
    public static void OnPeerUnbridged(CallStep step)
    {
        if (step.State.Waiting is { Kind: WaitKind.Bridge })
        {
            Continue(step);
        }
    }

    /// <summary>
    /// The input that the talk/stream actions from <paramref name="index"/> lead to, if any (the parser guarantees
    /// one after a bargeIn prompt; a document built otherwise plays its prompts as plain talk/stream).
    /// </summary>
    private static int? InputAfterPrompts(CallFlowDocument flow, int index)
    {
        var next = index;
        while (next < flow.Actions.Count && flow.Actions[next] is TalkAction or StreamAction)
        {
            next++;
        }

        return next < flow.Actions.Count && flow.Actions[next] is InputAction ? next : null;
    }

    /// <summary>Folds the talk/stream actions from <paramref name="index"/> up to the input into that input's gather.</summary>
    private static void GatherWithPrompts(CallStep step, CallFlowDocument flow, int index, int inputIndex)
    {
        var prompts = new List<GatherPromptSpec>();
        foreach (var action in flow.Actions.Skip(index).Take(inputIndex - index))
        {
            var (prompt, loop) = action is TalkAction talk
                ? (new GatherPromptSpec(talk.Text, null, talk.Voice), talk.Loop)
                : (new GatherPromptSpec(null, ((StreamAction)action).StreamUrl), ((StreamAction)action).Loop);
            prompts.AddRange(Enumerable.Repeat(prompt, Math.Clamp(loop, 1, MaxPromptRepeats)));
        }

        step.State = step.State with { NextAction = inputIndex + 1 };
        Gather(step, (InputAction)flow.Actions[inputIndex], prompts);
    }

    private static void Gather(CallStep step, InputAction input, IReadOnlyList<GatherPromptSpec> prompts)
    {
        var gather = CallCommandExecution.Issue(step, new GatherDigits
        {
            CommandId = FlowCommandId(step, step.State.NextAction - 1),
            Prompts = prompts,
            MaxDigits = input.MaxDigits,
            Terminators = input.SubmitOnHash ? "#" : "",

            // With speech, the wait for the caller to begin (digit or speech) is the speech start timeout.
            TimeoutSeconds = input.Speech is null ? input.TimeOutSeconds : input.SpeechStartTimeoutSeconds,
            InterDigitTimeoutSeconds = input.TimeOutSeconds,
            Dtmf = input.Dtmf,
            Speech = input.Speech,
        });
        var webhook = input.EventUrl
            ?? (step.Call is { Dialect: Accounts.ApplicationDialect.Vonage, StatusCallback: { } eventUrl } ? new WebhookTarget(eventUrl, step.Call.StatusCallbackMethod ?? "POST") : null);
        step.State = step.State with { Waiting = new FlowWait(WaitKind.Gather, gather!) { Webhook = webhook } };
    }

    /// <summary>The id of the command an action becomes: the flow's position, unique while the flow runs.</summary>
    private static string FlowCommandId(CallStep step, int index) => $"flow:{step.State.SignalCount}:{index}";

    /// <summary>Starts a recording and remembers it until it is reported saved; returns its id.</summary>
    public static string StartRecording(
        CallStep step, int channels, int maxSeconds, WebhookTarget? eventUrl, string? endOnKey, string format = RecordingFormats.Wav, int? endOnSilenceSeconds = null, bool beepStart = false)
    {
        var recordingId = step.NextId("r");
        step.Send(id => new RecordCommand
        {
            Id = id,
            CallId = step.Call.Id,
            IssuedAt = step.Now,
            RecordingId = recordingId,
            Channels = channels,
            MaxSeconds = maxSeconds,
            Format = format,
            EndOnSilenceSeconds = endOnSilenceSeconds,
            BeepStart = beepStart,
        });
        step.State = step.State with { Recordings = step.State.Recordings.Add(new ActiveRecording(recordingId, eventUrl, endOnKey, Saved: false)) };
        return recordingId;
    }

    private static void Connect(CallStep step, ConnectAction connect)
    {
        var call = step.Call;
        var childId = step.NextCallId();
        var start = new StartOutboundCall
        {
            Call = new CallRecord
            {
                Id = childId,
                AccountId = call.AccountId,
                Status = CallStatus.Queued,
                Direction = CallDirection.Outbound,
                From = connect.From ?? call.From,
                To = connect.Endpoint.Address,
                StatusCallback = connect.EventUrl?.Url ?? call.StatusCallback,
                StatusCallbackMethod = connect.EventUrl?.Method ?? call.StatusCallbackMethod,
                TimeoutSeconds = connect.TimeoutSeconds,
                CreatedAt = step.Now,
                ParentCallId = call.Id,
                ApplicationId = call.ApplicationId,
                Dialect = call.Dialect,
                Reporting = call.Reporting,

                // A leg is bridged with its parent on answer, so it lives on the parent's node.
                Node = call.Node,
            },
            LengthLimitSeconds = connect.LimitSeconds,
            AnswerCommands = ConnectAnswerCommands(connect),
        };
        step.Emit(id => new StartChildCall { Id = id, Start = start });
        step.State = step.State with { ChildCallId = childId };
        if (connect.RingbackToneUrl is { } ringback)
        {
            var play = step.Send(id => new PlayCommand { Id = id, CallId = call.Id, IssuedAt = step.Now, Url = ringback, Loop = 0 });
            step.State = step.State with { RingbackCommandId = play };
        }

        Wait(step, WaitKind.ChildCall, childId);
    }

    /// <summary>
    /// The conference a conversation action joins: its name within the account, or for a Vonage call within the
    /// call's application (as Vonage scopes conversation names).
    /// </summary>
    private static string ConferenceNameOf(CallStep step, ConversationAction conversation) =>
        step.Call is { Dialect: Accounts.ApplicationDialect.Vonage, ApplicationId: { } application } ? $"{application}:{conversation.Name}" : conversation.Name;

    /// <summary>What the connected leg runs when it answers: machine detection first (it must hear the greeting), then dtmfAnswer.</summary>
    private static System.Collections.Immutable.ImmutableList<CallCommand> ConnectAnswerCommands(ConnectAction connect)
    {
        var commands = System.Collections.Immutable.ImmutableList<CallCommand>.Empty;
        if (connect.MachineDetection is { } behaviour)
        {
            commands = commands.Add(new DetectMachine { CommandId = "connect:machine_detection", HangupOnMachine = behaviour == "hangup" });
        }

        if (connect.Endpoint.DtmfAnswer is { } digits)
        {
            commands = commands.Add(new SendDigits { CommandId = "connect:dtmf_answer", Digits = digits });
        }

        return commands;
    }

    /// <summary>The connected leg answered or ended: the ringback tone played meanwhile stops.</summary>
    public static void StopRingback(CallStep step)
    {
        if (step.State.RingbackCommandId is not null)
        {
            step.Send(id => new StopMediaCommand { Id = id, CallId = step.Call.Id, IssuedAt = step.Now });
            step.State = step.State with { RingbackCommandId = null };
        }
    }

    private static void JoinConference(CallStep step, ConversationAction conversation)
    {
        var name = ConferenceNameOf(step, conversation);
        var join = new JoinConference
        {
            Node = step.Call.Node,
            CallId = step.Call.Id,
            StartOnEnter = conversation.StartOnEnter,
            EndOnExit = conversation.EndOnExit,
            Muted = conversation.Mute || conversation.CanSpeak is [],
            Deaf = conversation.CanHear is [],
            CoachCallId = conversation.CanSpeak is [var coached] ? coached : null,
            Record = conversation.Record,
            MusicOnHoldUrl = conversation.MusicOnHoldUrl,
            EventUrl = conversation.EventUrl,
        };
        step.Emit(id => new SignalConference { Id = id, AccountId = step.Call.AccountId, ConferenceName = name, Signal = join });
        step.State = step.State with { ConferenceName = name };
        Wait(step, WaitKind.Conference, name);
    }

    /// <summary>Media events other than the call-status ones: progress of the running action.</summary>
    public static void OnMediaEvent(CallStep step, MediaEvent mediaEvent)
    {
        var wait = step.State.Waiting;
        var awaited = wait is not null && mediaEvent.CommandId == wait.Ref;
        switch (mediaEvent)
        {
            case PlaybackStartedEvent when awaited && wait!.Kind is WaitKind.Speak or WaitKind.Play:
                step.Publish(wait.Kind == WaitKind.Speak ? VoiceEventTypes.CallSpeakStarted : VoiceEventTypes.CallPlaybackStarted);
                break;
            case PlaybackEndedEvent ended when awaited && wait!.Kind is WaitKind.Speak or WaitKind.Play:
                step.Publish(wait.Kind == WaitKind.Speak ? VoiceEventTypes.CallSpeakEnded : VoiceEventTypes.CallPlaybackEnded, new() { ["reason"] = ended.Reason });
                Continue(step);
                break;
            case PlaybackEndedEvent when awaited && wait!.Kind == WaitKind.FinalPrompt:
                CallLifecycle.HangUp(step, CallStatus.Completed, "conference_rejected");
                break;
            case DtmfEvent dtmf:
                OnDigit(step, dtmf);
                break;
            case GatherEndedEvent gather when awaited && wait!.Kind == WaitKind.Gather:
                step.Publish(VoiceEventTypes.CallGatherEnded, CallTranscription.GatherEnded(gather));
                step.State = step.State with { Waiting = null };
                if (wait.Webhook is { } target)
                {
                    var payload = CallPayloads.InputResult(step.Call, gather, step.Now).ToJsonString();
                    WebhookFetches.Start(step, WebhookPurpose.InputResult, target.Url, target.Method, payload);
                }
                else
                {
                    Run(step);
                }

                break;
            case RecordingSavedEvent saved:
                OnRecordingSaved(step, saved);
                break;
            case MediaErrorEvent when awaited && wait!.Kind is WaitKind.Speak or WaitKind.Play or WaitKind.Gather:
                // A prompt or gather the node could not run does not stall the flow: go on with the next action.
                Continue(step);
                break;
            case MediaErrorEvent when awaited && wait!.Kind == WaitKind.FinalPrompt:
                CallLifecycle.HangUp(step, CallStatus.Completed, "conference_rejected");
                break;
        }
    }

    /// <summary>
    /// Reports a saved recording once: the event, and a webhook to the record action's eventUrl — or, for a whole-call
    /// recording (<c>record: true</c>), to the call's status_callback. A synchronous record then lets the flow go on.
    /// </summary>
    public static void OnRecordingSaved(CallStep step, RecordingSavedEvent saved)
    {
        var index = step.State.Recordings.FindIndex(r => r.RecordingId == saved.RecordingId);
        if (index < 0 || step.State.Recordings[index].Saved)
        {
            return;
        }

        var recording = step.State.Recordings[index];
        step.State = step.State with { Recordings = step.State.Recordings.SetItem(index, recording with { Saved = true }) };
        var record = SavedRecordings.Record(saved, step.Call.AccountId, step.Call.Id, conferenceId: null, step.Now);
        step.Emit(id => new SaveRecording { Id = id, Recording = record });
        var data = CallPayloads.Recording(step.Call, saved, step.Now);
        step.Publish(VoiceEventTypes.CallRecordingSaved, data);
        // A call reporting every event already gets the recording.saved event at its webhook URL; a Vonage call's
        // event_url gets Vonage's record event here instead (its format sends nothing for recording.saved), so a record
        // action with its own eventUrl is not reported twice.
        var statusTarget = step.Call switch
        {
            { StatusCallback: { } url, Reporting: CallReporting.StatusChanges } => new WebhookTarget(url, "POST"),
            { StatusCallback: { } url, Dialect: Accounts.ApplicationDialect.Vonage } => new WebhookTarget(url, step.Call.StatusCallbackMethod ?? "POST"),
            _ => null,
        };
        var target = recording.EventUrl ?? statusTarget;
        if (target is not null)
        {
            var payload = data.ToJsonString();
            step.Emit(id => new PostWebhook { Id = id, Url = target.Url, Method = target.Method, PayloadJson = payload, Dialect = step.Call.Dialect });
        }

        if (step.State.Waiting is { Kind: WaitKind.Recording } wait && wait.Ref == saved.RecordingId)
        {
            Continue(step);
        }
    }

    private static void OnDigit(CallStep step, DtmfEvent dtmf)
    {
        step.Publish(VoiceEventTypes.CallDtmfReceived, new() { ["digit"] = dtmf.Digit });
        if (step.State.DtmfSubscription is { } subscription)
        {
            var payload = CallPayloads.Digit(step.Call, dtmf.Digit, step.Now).ToJsonString();
            step.Emit(id => new PostWebhook { Id = id, Url = subscription.Url, Method = subscription.Method, PayloadJson = payload, Dialect = step.Call.Dialect });
        }

        if (step.State.Recordings.Any(r => !r.Saved && r.EndOnKey == dtmf.Digit))
        {
            step.Send(id => new StopRecordCommand { Id = id, CallId = step.Call.Id, IssuedAt = step.Now });
        }
    }

    /// <summary>A wait action's time is up: the flow goes on.</summary>
    public static void OnPauseEnded(CallStep step)
    {
        if (step.State.Waiting is { Kind: WaitKind.Pause })
        {
            Continue(step);
        }
    }

    internal static void Continue(CallStep step)
    {
        step.State = step.State with { Waiting = null };
        Run(step);
    }

    private static void Wait(CallStep step, WaitKind kind, string reference) =>
        step.State = step.State with { Waiting = new FlowWait(kind, reference) };
}
