using Voice.Media.Contracts;
using Voice.Media.Playback;
using Voice.Media.Sessions;
using Voice.Media.Taps;

namespace Voice.MediaNode.Calls;

/// <summary>
/// Recording of a call: record/stop_record/pause_record/resume_record, saved (<see cref="NodeRecording"/>) when the
/// recording ends (stop_record, max_seconds, or hangup).
/// </summary>
public sealed partial class CallLeg
{
    private const double BeepHz = 1000;
    private const int BeepMilliseconds = 400;

    private NodeRecording? recording;

    private async Task HandleRecordingAsync(MediaSession session, MediaCommand command, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref recording);
        switch (command)
        {
            case RecordCommand when current is not null:
                await services.Events.PublishErrorAsync(CallId, command.Id, "already_recording", $"recording {current.RecordingId} is still running", cancellationToken);
                break;
            case RecordCommand { Channels: not (1 or 2) } record:
                await services.Events.PublishErrorAsync(CallId, command.Id, "invalid_channels", $"channels must be 1 or 2, not {record.Channels}", cancellationToken);
                break;
            case RecordCommand record when !RecordingFormats.IsKnown(record.Format):
                await services.Events.PublishErrorAsync(CallId, command.Id, "invalid_format", $"format must be wav or mp3, not {record.Format}", cancellationToken);
                break;
            case RecordCommand record:
                StartRecording(session, record);
                break;
            case StopRecordCommand when current is not null:
                await FinishRecordingAsync();
                break;
            case PauseRecordCommand when current is not null:
                current.Recorder.Pause();
                break;
            case ResumeRecordCommand when current is not null:
                current.Recorder.Resume();
                break;
            default:
                await services.Events.PublishErrorAsync(CallId, command.Id, "not_recording", "the call is not being recorded", cancellationToken);
                break;
        }
    }

    private void StartRecording(MediaSession session, RecordCommand record)
    {
        var active = NodeRecording.Start(record);
        Volatile.Write(ref recording, active);
        if (record.BeepStart)
        {
            // Vonage's beep: the caller hears when to start speaking; it is recorded too, as on Vonage.
            session.Play(new ToneSource(BeepHz, durationMilliseconds: BeepMilliseconds));
        }

        session.StartRecording(active.Recorder);
        if (record.MaxSeconds > 0)
        {
            _ = StopAfterAsync(active, TimeSpan.FromSeconds(record.MaxSeconds));
        }

        if (record.EndOnSilenceSeconds is { } silence)
        {
            _ = StopOnSilenceAsync(session, active, TimeSpan.FromSeconds(silence));
        }
    }

    /// <summary>Ends the recording once the far end has been silent for <paramref name="limit"/> (Vonage's endOnSilence).</summary>
    private async Task StopOnSilenceAsync(MediaSession session, NodeRecording active, TimeSpan limit)
    {
        var watch = new SilenceWatch();
        session.AddTap(watch);
        try
        {
            while (ReferenceEquals(Volatile.Read(ref recording), active) && watch.SilentFor < limit)
            {
                await Task.Delay(50);
            }

            if (ReferenceEquals(Volatile.Read(ref recording), active))
            {
                await FinishRecordingAsync();
            }
        }
        finally
        {
            session.RemoveTap(watch);
        }
    }

    private async Task StopAfterAsync(NodeRecording active, TimeSpan limit)
    {
        // The recorder counts audio, not wall time: wait until it holds the limit, so pauses extend the wait.
        while (ReferenceEquals(Volatile.Read(ref recording), active) && active.Recorder.Duration < limit)
        {
            await Task.Delay(10);
        }

        if (ReferenceEquals(Volatile.Read(ref recording), active))
        {
            await FinishRecordingAsync();
        }
    }

    private async Task FinishRecordingAsync()
    {
        if (Interlocked.Exchange(ref recording, null) is not { } active)
        {
            return;
        }

        try
        {
            if (media is { } session)
            {
                await session.StopRecordingAsync();
            }
        }
        finally
        {
            await active.SaveAsync(services, CallId);
        }
    }
}
