using System.Globalization;
using Voice.Core.Events;
using Voice.Core.Recordings;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// The recording of a conference's mix: started when the conference starts if its record or a participant asks for it,
/// or by an API (<see cref="RecordConference"/>); paused, resumed and stopped by the API; stopped when the conference
/// ends. Record commands address the conference by putting its id in <c>call_id</c>; the node records what a silent
/// listener hears, one channel. One recording at a time: a start while one runs (or is still being saved) is ignored.
/// </summary>
internal static class ConferenceRecording
{
    public static void Start(ConferenceStep step)
    {
        var state = step.State;
        if (state.RecordingId is not null && !state.RecordingSaved)
        {
            return;
        }

        var recordingId = step.NextId("r");
        step.Send(id => new RecordCommand { Id = id, CallId = state.Conference.Id, IssuedAt = step.Now, RecordingId = recordingId });
        step.State = step.State with { RecordingId = recordingId, RecordingSaved = false, RecordingStartedAt = step.Now, RecordingStoppedAt = null };
    }

    public static void Apply(ConferenceStep step, RecordConference signal)
    {
        var state = step.State;
        var running = state.RecordingId is not null && state.RecordingStoppedAt is null
            && (signal.RecordingId is null || signal.RecordingId == state.RecordingId);
        switch (signal.Action)
        {
            case ConferenceRecordingAction.Start when state.Started:
                Start(step);
                break;
            case ConferenceRecordingAction.Start:
                // Not started yet (everyone waits for a moderator): it is recorded once it starts.
                step.State = state with { RecordRequested = true };
                break;
            case ConferenceRecordingAction.Stop when running:
                Stop(step);
                break;
            case ConferenceRecordingAction.Pause when running:
                step.Send(id => new PauseRecordCommand { Id = id, CallId = state.Conference.Id, IssuedAt = step.Now });
                break;
            case ConferenceRecordingAction.Resume when running:
                step.Send(id => new ResumeRecordCommand { Id = id, CallId = state.Conference.Id, IssuedAt = step.Now });
                break;
        }
    }

    /// <summary>Stops the running recording (the node then saves it); nothing when none runs.</summary>
    public static void Stop(ConferenceStep step)
    {
        if (step.State.RecordingId is null || step.State.RecordingStoppedAt is not null)
        {
            return;
        }

        step.Send(id => new StopRecordCommand { Id = id, CallId = step.State.Conference.Id, IssuedAt = step.Now });
        step.State = step.State with { RecordingStoppedAt = step.Now };
    }

    /// <summary>The node saved the recording: its row is stored and the event published (once).</summary>
    public static void Saved(ConferenceStep step, RecordingSavedEvent saved)
    {
        var state = step.State;
        if (saved.RecordingId != state.RecordingId || state.RecordingSaved)
        {
            return;
        }

        step.State = state with { RecordingSaved = true, RecordRequested = false };
        var conference = state.Conference;
        var record = SavedRecordings.Record(saved, conference.AccountId, callId: null, conference.Id, step.Now);
        step.Emit(id => new SaveRecording { Id = id, Recording = record });
        var fields = SavedRecordings.Fields(saved);
        fields["recording_started_at"] = Time(state.RecordingStartedAt);
        fields["recording_ended_at"] = Time(state.RecordingStoppedAt ?? step.Now);
        if (conference.CreatorCallId is { } creator)
        {
            fields["call_id"] = creator;
        }

        step.Publish(VoiceEventTypes.CallRecordingSaved, fields);
    }

    private static string? Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
