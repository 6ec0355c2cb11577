using System.Collections.Concurrent;
using Voice.Media.Contracts;
using Voice.MediaNode.Commands;

namespace Voice.MediaNode.Calls;

/// <summary>
/// Recordings of conferences' mixes: record/stop_record/pause_record/resume_record whose <c>call_id</c> is a conference
/// id. The mixer records what a silent listener hears (<see cref="Voice.Media.Mixing.ConferenceMixer.Recorder"/>), one
/// channel; it is saved as a call's recording is (<see cref="NodeRecording"/>), its events carrying the conference id.
/// A conference's calls are all on this node (they share its mixer), so its recording is too. <c>max_seconds</c> is not
/// used: conferences stop their recording themselves.
/// </summary>
public sealed class ConferenceRecordings(CallLegServices services) : IMediaCommandHandler
{
    private readonly ConcurrentDictionary<string, NodeRecording> active = new(StringComparer.Ordinal);

    public async Task HandleAsync(MediaCommand command, CancellationToken cancellationToken)
    {
        var conferenceId = command.CallId;
        var room = "conference:" + conferenceId;
        active.TryGetValue(conferenceId, out var current);
        switch (command)
        {
            case RecordCommand when current is not null:
                await services.Events.PublishErrorAsync(conferenceId, command.Id, "already_recording", $"recording {current.RecordingId} is still running", cancellationToken);
                break;
            case RecordCommand { Channels: not 1 } record:
                await services.Events.PublishErrorAsync(conferenceId, command.Id, "invalid_channels", $"a conference's mix has one channel, not {record.Channels}", cancellationToken);
                break;
            case RecordCommand record:
                var recording = NodeRecording.Start(record);
                active[conferenceId] = recording;
                services.Rooms.StartRecording(room, recording.Recorder);
                break;
            case StopRecordCommand when current is not null && active.TryRemove(conferenceId, out var stopped):
                services.Rooms.StopRecording(room);
                await stopped.SaveAsync(services, conferenceId);
                break;
            case PauseRecordCommand when current is not null:
                current.Recorder.Pause();
                break;
            case ResumeRecordCommand when current is not null:
                current.Recorder.Resume();
                break;
            case RecordCommand or StopRecordCommand or PauseRecordCommand or ResumeRecordCommand:
                await services.Events.PublishErrorAsync(conferenceId, command.Id, "not_recording", "the conference is not being recorded", cancellationToken);
                break;
            default:
                await services.Events.PublishErrorAsync(conferenceId, command.Id, CallRegistry.NotSupported, $"a conference takes only recording commands, not {command.GetType().Name}", cancellationToken);
                break;
        }
    }
}
