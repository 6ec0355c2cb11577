using Voice.Media.Contracts;
using Voice.Media.Playback;
using Voice.Media.Sessions;
using Voice.Media.Tts;
using Voice.MediaNode.Gather;

namespace Voice.MediaNode.Calls;

/// <summary>The media commands of a call: play, say, stop_media, send_dtmf (gather in CallLeg.Gather, its speech part in CallLeg.SpeechInput), and DTMF and playback events.</summary>
public sealed partial class CallLeg
{
    private readonly Lock mediaGate = new();
    private (IAudioSource Source, string CommandId)? playing;
    private (GatherSession Session, string CommandId, IAudioSource? Prompt)? gathering;

    private async Task HandleMediaAsync(MediaCommand command, CancellationToken cancellationToken)
    {
        if (media is not { } session)
        {
            await services.Events.PublishErrorAsync(CallId, command.Id, "invalid_state", "the call has no media yet (not answered)", cancellationToken);
            return;
        }

        switch (command)
        {
            case PlayCommand play:
                await PlayAsync(session, command.Id, await LoadAsync(play.Url, cancellationToken), play.Loop, play.BargeIn, cancellationToken);
                break;
            case SayCommand say:
                await PlayAsync(session, command.Id, await SpeakAsync(say.Text, say.Voice, say.Rate, cancellationToken), say.Loop, say.BargeIn, cancellationToken);
                break;
            case StopMediaCommand:
                StopGather(GatherOutcome.Stopped);
                session.StopPlayback();
                break;
            case SendDtmfCommand dtmf when session.Options.TelephoneEventPayloadType is null:
                await services.Events.PublishErrorAsync(CallId, command.Id, "dtmf_unavailable", "the peer did not negotiate telephone-event", cancellationToken);
                break;
            case SendDtmfCommand dtmf:
                session.SendDtmf(dtmf.Digits);
                break;
            case GatherCommand gather:
                await StartGatherAsync(session, gather, cancellationToken);
                break;
            case BridgeCommand or UnbridgeCommand or JoinConferenceCommand or LeaveConferenceCommand or UpdateParticipantCommand or SetCallAudioCommand:
                await HandleMixingAsync(session, command, cancellationToken);
                break;
            case RecordCommand or StopRecordCommand or PauseRecordCommand or ResumeRecordCommand:
                await HandleRecordingAsync(session, command, cancellationToken);
                break;
            case StartStreamCommand or StopStreamCommand:
                await HandleStreamingAsync(session, command, cancellationToken);
                break;
            case StartTranscriptionCommand or StopTranscriptionCommand:
                await HandleTranscriptionAsync(session, command, cancellationToken);
                break;
            case DetectMachineCommand detect:
                await StartMachineDetectionAsync(session, detect, cancellationToken);
                break;
            case ReferCommand or SendSipInfoCommand:
                await HandleTransferAsync(command, cancellationToken);
                break;
            default:
                await services.Events.PublishErrorAsync(CallId, command.Id, CallRegistry.NotSupported, $"{command.GetType().Name} is not supported by this node yet", cancellationToken);
                break;
        }
    }

    private async Task PlayAsync(MediaSession session, string commandId, (PcmAudio? Audio, string? Error) loaded, int loops, bool bargeIn, CancellationToken cancellationToken)
    {
        if (loaded.Audio is null)
        {
            await services.Events.PublishAsync(new PlaybackEndedEvent { Id = "", CallId = CallId, CommandId = commandId, Reason = "failed" }, cancellationToken);
            await services.Events.PublishErrorAsync(CallId, commandId, "media_unavailable", loaded.Error!, cancellationToken);
            return;
        }

        var player = new AudioPlayer(loaded.Audio, loops, bargeIn);
        lock (mediaGate)
        {
            playing = (player, commandId);
        }

        // The event takes its sequence number now (before playback can end), but audio starts without waiting for
        // the queue write.
        var started = services.Events.PublishAsync(new PlaybackStartedEvent { Id = "", CallId = CallId, CommandId = commandId }, cancellationToken);
        session.Play(player);
        await started;
    }

    private async Task<(PcmAudio? Audio, string? Error)> LoadAsync(string url, CancellationToken cancellationToken)
    {
        var read = await services.Prompts.FetchAsync(url, cancellationToken);
        return (read.Audio, read.Error);
    }

    private async Task<(PcmAudio? Audio, string? Error)> SpeakAsync(string text, string voice, int rate, CancellationToken cancellationToken)
    {
        try
        {
            return (await services.Tts.SynthesizeAsync(text, voice, rate, cancellationToken), null);
        }
        catch (TtsUnavailableException e)
        {
            return (null, e.Message);
        }
    }

    private async Task FollowMediaAsync(MediaSession session)
    {
        await foreach (var happened in session.Events.ReadAllAsync())
        {
            switch (happened)
            {
                case DtmfReceived dtmf:
                    await OnDigitAsync(session, dtmf.Digit.Digit, dtmf.Digit.DurationMilliseconds);
                    break;
                case PlaybackFinished finished:
                    await OnPlaybackFinishedAsync(finished);
                    break;
            }
        }
    }

    private async Task OnDigitAsync(MediaSession session, char digit, int durationMs)
    {
        await services.Events.PublishAsync(new DtmfEvent { Id = "", CallId = CallId, Digit = digit.ToString(), DurationMs = durationMs });
        ForwardDigitToStreams(digit, durationMs);
        var stopPrompt = false;
        var bargeIn = false;
        var stopListening = false;
        var gatherCommand = "";
        lock (mediaGate)
        {
            if (gathering is { } current)
            {
                gatherCommand = current.CommandId;
                stopPrompt = current.Session.Digit(digit, services.Time.GetUtcNow()) && current.Prompt is not null;
                stopListening = current.Session.HasDigits;
            }
            else if (playing is { Source: AudioPlayer { BargeIn: true } })
            {
                bargeIn = true;
            }
        }

        // One line per digit: "which digit reached which gather" is the first question of every IVR bug report.
        services.Logger.LogInformation("Call {CallId}: DTMF {Digit} ({DurationMs} ms){Gather}", CallId, digit, durationMs, gatherCommand.Length > 0 ? " for gather " + gatherCommand : "");
        if (stopListening)
        {
            StopSpeechInput();
        }

        if (stopPrompt || bargeIn)
        {
            session.StopPlayback();
        }

        if (bargeIn)
        {
            await ReportPlaybackEndedAsync(null, "barge_in");
        }

        await ReportGatherIfEndedAsync();
    }

    private async Task OnPlaybackFinishedAsync(PlaybackFinished finished)
    {
        lock (mediaGate)
        {
            if (gathering is { } current && ReferenceEquals(current.Prompt, finished.Source))
            {
                current.Session.PromptsFinished(services.Time.GetUtcNow());
                return;
            }
        }

        await ReportPlaybackEndedAsync(finished.Source, finished.Stopped ? "stopped" : "finished");
    }

    /// <summary>Reports the end of the current play/say (once); <paramref name="source"/> null means whatever plays.</summary>
    private async Task ReportPlaybackEndedAsync(IAudioSource? source, string reason)
    {
        string? commandId = null;
        lock (mediaGate)
        {
            if (playing is { } current && (source is null || ReferenceEquals(current.Source, source)))
            {
                commandId = current.CommandId;
                playing = null;
            }
        }

        if (commandId is not null)
        {
            await services.Events.PublishAsync(new PlaybackEndedEvent { Id = "", CallId = CallId, CommandId = commandId, Reason = reason });
        }
    }
}
