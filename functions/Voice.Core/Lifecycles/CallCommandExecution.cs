using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Core.Queues;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// Applies live-call commands (<see cref="CallCommand"/>) to a call: each becomes media commands, record changes and
/// events. Idempotent by command id. A command that does not fit the call's state any more (the API checked a
/// record that was a moment behind) is dropped and reported as <see cref="VoiceEventTypes.CallCommandFailed"/>.
/// Media started by a command is reported as speak/playback/gather events when it ends, as Telnyx does.
/// </summary>
internal static class CallCommandExecution
{
    /// <summary>How many command ids a call remembers; clients retry within seconds, not after hundreds of commands.</summary>
    public const int RememberedCommands = 64;

    public static void Apply(CallStep step, CallCommand command)
    {
        if (step.State.AppliedCommands.Contains(command.CommandId))
        {
            return;
        }

        var applied = step.State.AppliedCommands.Add(command.CommandId);
        step.State = step.State with
        {
            AppliedCommands = applied.Count > RememberedCommands ? applied.RemoveAt(0) : applied,
        };
        if (CallCommandRules.Check(step.Call, command) is { } refusal)
        {
            step.Publish(VoiceEventTypes.CallCommandFailed, new()
            {
                ["command"] = CommandName(command),
                ["command_id"] = command.CommandId,
                ["reason"] = refusal.ToString(),
            });
            if (command is EnqueueCall enqueue)
            {
                CallQueueing.UndoLateEnqueue(step, enqueue);
            }

            return;
        }

        if (command.ClientState is { } clientState && clientState != step.Call.ClientState)
        {
            step.State = step.State with { Call = step.Call with { ClientState = clientState } };
            step.Emit(id => new SaveCall { Id = id, Call = step.Call });
        }

        Run(step, command);
    }

    private static void Run(CallStep step, CallCommand command)
    {
        if (command is SpeakText or PlayAudio or GatherDigits)
        {
            QueueHoldAudio.BeforeApplicationAudio(step, command);
        }

        var started = Issue(step, command);
        switch (command)
        {
            case SpeakText:
                Track(step, CommandMediaKind.Speak, started!);
                break;
            case PlayAudio:
                Track(step, CommandMediaKind.Play, started!);
                break;
            case GatherDigits:
                Track(step, CommandMediaKind.Gather, started!);
                break;
            case DetectMachine detect:
                step.State = step.State with
                {
                    CommandMedia = step.State.CommandMedia.Add(new CommandMedia(started!, CommandMediaKind.MachineDetection) { HangupOnMachine = detect.HangupOnMachine }),
                };
                break;
            case StartRecording record:
                step.Publish(VoiceEventTypes.CallRecordingStarted, new() { ["recording_id"] = started, ["channels"] = record.Channels });
                break;
        }
    }

    /// <summary>
    /// Carries out <paramref name="command"/> on the call: its media commands, record changes and signals. Returns
    /// what it started that ends later (the media command id of a speak, play or gather; the recording id), else
    /// null. Live commands and call-flow actions both come through here, so each concept has one implementation.
    /// </summary>
    internal static string? Issue(CallStep step, CallCommand command)
    {
        var call = step.Call;
        var now = step.Now;
        switch (command)
        {
            case AnswerCall answer:
                step.CancelTimer(CallLifecycle.RingTimer);
                if (!answer.Then.IsEmpty)
                {
                    step.State = step.State with { AnswerCommands = step.State.AnswerCommands.AddRange(answer.Then) };
                }

                return step.Send(id => new AnswerCommand { Id = id, CallId = call.Id, IssuedAt = now });
            case RejectCall reject:
                step.Send(id => new RejectCommand { Id = id, CallId = call.Id, IssuedAt = now, Reason = reject.Cause });
                CallLifecycle.End(step, reject.Cause == "busy" ? CallStatus.Busy : CallStatus.Canceled, "rejected");
                return null;
            case HangupCall:
                CallLifecycle.HangUp(step, step.Status == CallStatus.InProgress ? CallStatus.Completed : CallStatus.Canceled, "hangup_command");
                return null;
            case SpeakText speak:
                return step.Send(id => new SayCommand
                {
                    Id = id,
                    CallId = call.Id,
                    IssuedAt = now,
                    Text = speak.Text,
                    Voice = speak.Voice,
                    Loop = speak.Loop,
                });
            case PlayAudio play:
                return step.Send(id => new PlayCommand { Id = id, CallId = call.Id, IssuedAt = now, Url = play.Url, Loop = play.Loop });
            case StopPlayback or StopGather:
                return step.Send(id => new StopMediaCommand { Id = id, CallId = call.Id, IssuedAt = now });
            case GatherDigits gather:
                return step.Send(id => new GatherCommand
                {
                    Id = id,
                    CallId = call.Id,
                    IssuedAt = now,
                    Prompts = [.. gather.Prompts.Select(p => new GatherPrompt { Text = p.Text, Url = p.Url, Voice = p.Voice })],
                    MaxDigits = gather.MaxDigits,
                    Terminators = gather.Terminators,
                    TimeoutSeconds = gather.TimeoutSeconds,
                    InterDigitTimeoutSeconds = gather.InterDigitTimeoutSeconds,
                    Dtmf = gather.Dtmf,
                    Speech = gather.Speech is { } speech ? CallTranscription.ToMedia(speech) : null,
                });
            case StartTranscription transcribe:
                return step.Send(id => CallTranscription.ToMedia(transcribe, id, call.Id, now));
            case StopTranscription:
                return step.Send(id => new StopTranscriptionCommand { Id = id, CallId = call.Id, IssuedAt = now });
            case DetectMachine detect:
                return step.Send(id => MachineDetectionCommands.ToMedia(detect, id, call.Id, now));
            case ReferCall refer:
                return step.Send(id => new ReferCommand { Id = id, CallId = call.Id, IssuedAt = now, Target = refer.SipAddress, TargetHeaders = refer.TargetHeaders, Headers = refer.Headers });
            case SendSipInfo info:
                return step.Send(id => new SendSipInfoCommand { Id = id, CallId = call.Id, IssuedAt = now, ContentType = info.ContentType, Body = info.Body });
            case SendDigits digits:
                return step.Send(id => new SendDtmfCommand { Id = id, CallId = call.Id, IssuedAt = now, Digits = digits.Digits, DurationMs = digits.DurationMs });
            case StartRecording record:
                return CallFlowExecution.StartRecording(step, record.Channels, record.MaxSeconds, eventUrl: null, endOnKey: null, record.Format);
            case StopRecording:
                return step.Send(id => new StopRecordCommand { Id = id, CallId = call.Id, IssuedAt = now });
            case PauseRecording:
                return step.Send(id => new PauseRecordCommand { Id = id, CallId = call.Id, IssuedAt = now });
            case ResumeRecording:
                return step.Send(id => new ResumeRecordCommand { Id = id, CallId = call.Id, IssuedAt = now });
            case BridgeCalls bridge:
                Bridge(step, bridge.OtherCallId);
                return null;
            case UnbridgeCall when step.State.BridgedWith is { } other:
                step.Send(id => new UnbridgeCommand { Id = id, CallId = call.Id, IssuedAt = now });
                step.State = step.State with { BridgedWith = null };
                step.Publish(VoiceEventTypes.CallUnbridged, new() { ["other_call_id"] = other });
                step.Emit(id => new SignalCall { Id = id, CallId = other, Signal = new PeerUnbridged(call.Id) });
                return null;
            case TransferCall transfer:
                Transfer(step, transfer);
                return null;
            case JoinConferenceCall join:
                var signal = new JoinConference
                {
                    Node = step.Call.Node,
                    CallId = call.Id,
                    StartOnEnter = join.StartOnEnter,
                    EndOnExit = join.EndOnExit,
                    EndOnExitHangsUp = join.EndOnExitHangsUp,
                    Muted = join.Muted || join.Hold,
                    Deaf = join.Hold,
                };
                step.Emit(id => new SignalConference { Id = id, AccountId = call.AccountId, ConferenceName = join.ConferenceName, Signal = signal });
                step.State = step.State with { ConferenceName = join.ConferenceName };
                return null;
            case EnqueueCall enqueue:
                CallQueueing.Enqueue(step, enqueue);
                return null;
            case LeaveQueueCall:
                CallQueueing.Leave(step, QueueDepartureReasons.Leave);
                return null;
            case StartStreaming stream:
                return CallStreaming.Start(step, stream);
            case StopStreaming stop:
                return step.Send(id => new StopStreamCommand { Id = id, CallId = call.Id, IssuedAt = now, StreamId = stop.StreamId });
            case SetCallAudio audio:
                return step.Send(id => new SetCallAudioCommand { Id = id, CallId = call.Id, IssuedAt = now, Muted = audio.Muted, Deaf = audio.Deaf });
            case SubscribeDtmf subscribe:
                step.State = step.State with { DtmfSubscription = subscribe.Target };
                return null;
            case ReplaceCallFlow replace:
                CallFlowTransfer.Apply(step, replace);
                return null;
            case LeaveConferenceCall when step.State.ConferenceName is { } conference:
                var leave = new LeaveConference(call.Id, CallEnded: false);
                step.Emit(id => new SignalConference { Id = id, AccountId = call.AccountId, ConferenceName = conference, Signal = leave });
                return null;
            default:
                return null;
        }
    }

    /// <summary>Bridges this call with another: the node joins their audio, both report call.bridged.</summary>
    private static void Bridge(CallStep step, string otherCallId)
    {
        QueueHoldAudio.Stop(step, stopMedia: true);
        step.Send(id => new BridgeCommand { Id = id, CallId = step.Call.Id, IssuedAt = step.Now, OtherCallId = otherCallId });
        step.State = step.State with { BridgedWith = otherCallId };
        step.Publish(VoiceEventTypes.CallBridged, new() { ["other_call_id"] = otherCallId });
        step.Emit(id => new SignalCall { Id = id, CallId = otherCallId, Signal = new PeerBridged(step.Call.Id) });
    }

    /// <summary>A new leg to <see cref="TransferCall.To"/>, bridged on answer (the connect action's machinery).</summary>
    private static void Transfer(CallStep step, TransferCall transfer)
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
                From = transfer.From ?? call.From,
                To = transfer.To,
                StatusCallback = call.StatusCallback,
                StatusCallbackMethod = call.StatusCallbackMethod,
                TimeoutSeconds = transfer.TimeoutSeconds,
                CreatedAt = step.Now,
                ParentCallId = call.Id,
                ApplicationId = call.ApplicationId,
                Dialect = call.Dialect,
                Reporting = call.Reporting,
                ClientState = call.ClientState,

                // A leg is bridged with its parent on answer, so it lives on the parent's node.
                Node = call.Node,
            },
            AnswerCommands = transfer.MachineDetection is { } detect ? [detect] : [],
        };
        step.Emit(id => new StartChildCall { Id = id, Start = start });
        step.State = step.State with { ChildCallId = childId };
    }

    private static void Track(CallStep step, CommandMediaKind kind, string mediaCommandId) =>
        step.State = step.State with { CommandMedia = step.State.CommandMedia.Add(new CommandMedia(mediaCommandId, kind)) };

    /// <summary>Reports the progress of media a command started; returns false when the event is not about such media.</summary>
    public static bool OnMediaEvent(CallStep step, MediaEvent mediaEvent)
    {
        var index = step.State.CommandMedia.FindIndex(m => m.MediaCommandId == mediaEvent.CommandId);
        if (index < 0)
        {
            return false;
        }

        var media = step.State.CommandMedia[index];
        if (media.Kind == CommandMediaKind.MachineDetection)
        {
            MachineDetectionCommands.OnMediaEvent(step, index, mediaEvent);
            return true;
        }

        switch (mediaEvent)
        {
            case PlaybackStartedEvent when media.Kind != CommandMediaKind.Gather:
                step.Publish(media.Kind == CommandMediaKind.Speak ? VoiceEventTypes.CallSpeakStarted : VoiceEventTypes.CallPlaybackStarted);
                break;
            case PlaybackEndedEvent ended when media.Kind != CommandMediaKind.Gather:
                step.State = step.State with { CommandMedia = step.State.CommandMedia.RemoveAt(index) };
                step.Publish(media.Kind == CommandMediaKind.Speak ? VoiceEventTypes.CallSpeakEnded : VoiceEventTypes.CallPlaybackEnded, new() { ["reason"] = ended.Reason });
                break;
            case GatherEndedEvent gather when media.Kind == CommandMediaKind.Gather:
                step.State = step.State with { CommandMedia = step.State.CommandMedia.RemoveAt(index) };
                step.Publish(VoiceEventTypes.CallGatherEnded, CallTranscription.GatherEnded(gather));
                break;
            case MediaErrorEvent error:
                step.State = step.State with { CommandMedia = step.State.CommandMedia.RemoveAt(index) };
                var type = media.Kind switch
                {
                    CommandMediaKind.Speak => VoiceEventTypes.CallSpeakEnded,
                    CommandMediaKind.Play => VoiceEventTypes.CallPlaybackEnded,
                    _ => VoiceEventTypes.CallGatherEnded,
                };
                step.Publish(type, new() { ["reason"] = "failed", ["error"] = error.Message });
                break;
        }

        // The application's audio is over: a queued call's hold audio comes back once nothing of it is left.
        QueueHoldAudio.Resume(step);
        return true;
    }

    private static string CommandName(CallCommand command) => command.GetType().Name;
}
