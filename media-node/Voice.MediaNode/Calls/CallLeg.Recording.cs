using Azure.Storage.Blobs.Models;
using Voice.Media.Contracts;
using Voice.Media.Recording;
using Voice.Media.Sessions;

namespace Voice.MediaNode.Calls;

/// <summary>
/// Recording of a call: record/stop_record/pause_record/resume_record. The WAV goes to a temporary file while the
/// call runs and is uploaded to the <c>recordings</c> container (<c>{recording_id}.wav</c>) when the recording
/// ends (stop_record, max_seconds, or hangup), followed by a recording_saved event.
/// </summary>
public sealed partial class CallLeg
{
    private ActiveRecording? recording;

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
        var path = Path.Combine(Path.GetTempPath(), $"recording-{Guid.NewGuid():N}.wav");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        var recorder = new WavRecorder(file, record.Channels == 2 ? RecordingChannels.Dual : RecordingChannels.Mono);
        var active = new ActiveRecording(record.RecordingId, record.Id, recorder, file);
        Volatile.Write(ref recording, active);
        session.StartRecording(recorder);
        if (record.MaxSeconds > 0)
        {
            _ = StopAfterAsync(active, TimeSpan.FromSeconds(record.MaxSeconds));
        }
    }

    private async Task StopAfterAsync(ActiveRecording active, TimeSpan limit)
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

            var summary = await active.Recorder.CompleteAsync();
            active.File.Position = 0;
            var blob = services.Recordings.GetBlobClient(active.RecordingId + ".wav");
            await blob.UploadAsync(active.File, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "audio/wav" } });
            await services.Events.PublishAsync(new RecordingSavedEvent
            {
                Id = "",
                CallId = CallId,
                CommandId = active.CommandId,
                RecordingId = active.RecordingId,
                BlobUrl = blob.Uri.ToString(),
                DurationMs = (long)summary.Duration.TotalMilliseconds,
                Channels = summary.Channels,
                SizeBytes = summary.Bytes,
            });
        }
        catch (Exception e)
        {
            services.Logger.LogError(e, "Recording {RecordingId} of call {CallId} could not be saved", active.RecordingId, CallId);
            await services.Events.PublishErrorAsync(CallId, active.CommandId, "recording_failed", $"recording {active.RecordingId} could not be saved: {e.Message}");
        }
        finally
        {
            await active.File.DisposeAsync();
        }
    }

    private sealed record ActiveRecording(string RecordingId, string CommandId, WavRecorder Recorder, FileStream File);
}
