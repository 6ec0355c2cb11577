using System.Text.Json.Nodes;
using Voice.Core.Conferences;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;

namespace Voice.Core.Tests.Lifecycles;

/// <summary>What the APIs ask of a conference beyond its participants: recording its mix, the end that hangs up, expiry.</summary>
public sealed class ConferenceApiRecordingAndEndTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private ConferenceState state;
    private IReadOnlyList<LifecycleEffect> effects;
    private DateTimeOffset now = T0;

    public ConferenceApiRecordingAndEndTests() => (state, effects) = Start(expiresAt: null);

    private static (ConferenceState, IReadOnlyList<LifecycleEffect>) Start(DateTimeOffset? expiresAt)
    {
        var record = new ConferenceRecord
        {
            Id = "conf-1",
            AccountId = "acct-1",
            FriendlyName = "room",
            Status = ConferenceStatus.Init,
            DateCreated = T0,
            CreatorCallId = "a",
            ExpiresAt = expiresAt,
        };
        var transition = ConferenceLifecycle.Instance.Start(new ConferenceStart(record, "room"), T0);
        return (transition.State, transition.Effects);
    }

    private IReadOnlyList<LifecycleEffect> Apply(ConferenceSignal signal)
    {
        (state, effects) = ConferenceLifecycle.Instance.Apply(state, signal, now);
        return effects;
    }

    private IReadOnlyList<MediaCommand> Commands => [.. effects.OfType<SendMediaCommand>().Select(e => e.Command)];

    private IReadOnlyList<(string CallId, CallSignal Signal)> CallSignals => [.. effects.OfType<SignalCall>().Select(s => (s.CallId, s.Signal))];

    private static RecordConference Record(ConferenceRecordingAction action, string conferenceId = "conf-1") => new(conferenceId, action);

    [Fact]
    public void The_api_starts_pauses_resumes_and_stops_the_mix_recording_and_the_saved_event_says_when_it_ran()
    {
        Apply(new JoinConference { CallId = "a" });
        Apply(Record(ConferenceRecordingAction.Start));
        var record = Assert.IsType<RecordCommand>(Assert.Single(Commands));
        Assert.Equal(("conf-1", 1), (record.CallId, record.Channels));

        Assert.Empty(Apply(Record(ConferenceRecordingAction.Start)));
        Apply(Record(ConferenceRecordingAction.Pause));
        Assert.Equal("conf-1", Assert.IsType<PauseRecordCommand>(Assert.Single(Commands)).CallId);
        Apply(Record(ConferenceRecordingAction.Resume));
        Assert.IsType<ResumeRecordCommand>(Assert.Single(Commands));

        now = T0.AddSeconds(5);
        Apply(Record(ConferenceRecordingAction.Stop));
        Assert.IsType<StopRecordCommand>(Assert.Single(Commands));
        Assert.Empty(Apply(Record(ConferenceRecordingAction.Stop)));
        Assert.Empty(Apply(Record(ConferenceRecordingAction.Pause)));

        now = T0.AddSeconds(6);
        Apply(new ConferenceMediaEventReceived(new RecordingSavedEvent { Id = "s", CallId = "conf-1", RecordingId = record.RecordingId, BlobUrl = "https://blob/r.wav" }));
        var saved = Assert.Single(effects.OfType<PublishEvent>()).Event;
        Assert.Equal(VoiceEventTypes.CallRecordingSaved, saved.Type);
        Assert.Equal("/conferences/conf-1", saved.Subject);
        Assert.Equal(
            ("2026-01-01T12:00:00.000Z", "2026-01-01T12:00:05.000Z", "https://blob/r.wav", "a"),
            ((string?)saved.Data["recording_started_at"], (string?)saved.Data["recording_ended_at"], (string?)saved.Data["recording_url"], (string?)saved.Data["call_id"]));
        Assert.Single(effects.OfType<SaveRecording>());

        // Saved, a new recording may start.
        Apply(Record(ConferenceRecordingAction.Start));
        Assert.NotEqual(record.RecordingId, Assert.IsType<RecordCommand>(Assert.Single(Commands)).RecordingId);
    }

    [Fact]
    public void Recording_signals_for_another_conference_or_another_recording_are_ignored()
    {
        Apply(new JoinConference { CallId = "a" });
        Assert.Empty(Apply(Record(ConferenceRecordingAction.Start, "conf-other")));
        Apply(Record(ConferenceRecordingAction.Start));
        Assert.Empty(Apply(Record(ConferenceRecordingAction.Stop) with { RecordingId = "someone-else" }));
        Assert.Empty(Apply(new ConferenceMediaEventReceived(new RecordingSavedEvent { Id = "s", CallId = "conf-1", RecordingId = "unknown", BlobUrl = "https://blob/x.wav" })));
    }

    [Fact]
    public void A_recording_asked_for_before_the_start_begins_when_the_conference_starts()
    {
        Apply(new JoinConference { CallId = "w", StartOnEnter = false });
        Apply(Record(ConferenceRecordingAction.Start));
        Assert.Empty(Commands);
        Apply(new JoinConference { CallId = "a" });
        Assert.Single(Commands.OfType<RecordCommand>());
    }

    [Fact]
    public void A_conference_that_ends_while_recording_stops_the_recording_and_still_reports_it_saved()
    {
        Apply(new JoinConference { CallId = "a" });
        Apply(Record(ConferenceRecordingAction.Start));
        var recordingId = Assert.IsType<RecordCommand>(Assert.Single(Commands)).RecordingId;
        Apply(new EndConference { ConferenceId = "conf-1", HangUpParticipants = true });
        Assert.Single(Commands.OfType<StopRecordCommand>());
        Assert.True(ConferenceLifecycle.Instance.IsFinished(state));

        Apply(new ConferenceMediaEventReceived(new RecordingSavedEvent { Id = "s", CallId = "conf-1", RecordingId = recordingId, BlobUrl = "https://blob/r.wav" }));
        Assert.Equal(VoiceEventTypes.CallRecordingSaved, Assert.Single(effects.OfType<PublishEvent>()).Event.Type);
    }

    [Fact]
    public void The_api_end_that_hangs_up_ends_every_call_and_sends_no_leave_commands()
    {
        Apply(new JoinConference { CallId = "a" });
        Apply(new JoinConference { CallId = "b" });
        Apply(new JoinConference { CallId = "w", StartOnEnter = false });
        Apply(new EndConference { ConferenceId = "conf-1", HangUpParticipants = true });

        Assert.Equal(ConferenceStatus.Completed, state.Conference.Status);
        Assert.Equal("ended_by_api", state.Conference.EndReason);
        Assert.Equal([("a", (CallSignal)new EndRequested()), ("b", new EndRequested()), ("w", new EndRequested())], CallSignals);
        Assert.Empty(Commands.OfType<LeaveConferenceCommand>());
        Assert.All(state.Conference.Participants, m => Assert.Equal(ConferenceMemberStatus.Left, m.Status));
    }

    [Fact]
    public void Conferences_that_end_otherwise_hang_up_nobody()
    {
        Apply(new JoinConference { CallId = "host", EndOnExit = true });
        Apply(new JoinConference { CallId = "b" });
        Apply(new LeaveConference("host", CallEnded: true));
        Assert.Equal([("b", (CallSignal)new ConferenceLeft("room", "end_on_exit"))], CallSignals);

        (state, _) = Start(expiresAt: null);
        Apply(new JoinConference { CallId = "a" });
        Apply(new EndConference { ConferenceId = "conf-1" });
        Assert.Equal([("a", (CallSignal)new ConferenceLeft("room", "ended_by_api"))], CallSignals);
    }

    [Fact]
    public void A_conference_with_an_expiry_arms_a_timer_and_ends_hanging_up_everyone_when_it_fires()
    {
        var expiresAt = T0.AddMinutes(5);
        (state, effects) = Start(expiresAt);
        var timer = Assert.Single(effects.OfType<StartTimer>());
        Assert.Equal((ConferenceLifecycle.ExpiryTimer, expiresAt), (timer.TimerId, timer.DueAt));

        Apply(new JoinConference { CallId = "a" });
        Assert.Empty(Apply(new ConferenceTimerFired("t:unknown")).OfType<SignalCall>());
        Apply(new ConferenceTimerFired(ConferenceLifecycle.ExpiryTimer));
        Assert.Equal(("expired", ConferenceStatus.Completed), (state.Conference.EndReason, state.Conference.Status));
        Assert.Equal([("a", (CallSignal)new EndRequested())], CallSignals);
        var ended = effects.OfType<PublishEvent>().Last().Event;
        Assert.Equal((VoiceEventTypes.ConferenceEnded, "expired"), (ended.Type, (string?)ended.Data["reason"]));
    }

    [Fact]
    public void A_conference_that_ends_before_its_expiry_cancels_the_timer_and_one_without_expiry_has_none()
    {
        Assert.Empty(effects.OfType<StartTimer>());
        (state, _) = Start(T0.AddMinutes(5));
        Apply(new JoinConference { CallId = "a" });
        Apply(new LeaveConference("a", CallEnded: true));
        Assert.Equal(ConferenceLifecycle.ExpiryTimer, Assert.Single(effects.OfType<CancelTimer>()).TimerId);
        Assert.Empty(Apply(new ConferenceTimerFired(ConferenceLifecycle.ExpiryTimer)));
    }

    [Fact]
    public void The_new_signals_round_trip_through_lifecycle_json()
    {
        ConferenceSignal[] signals =
        [
            new RecordConference("conf-1", ConferenceRecordingAction.Pause) { RecordingId = "r" },
            new ConferenceTimerFired(ConferenceLifecycle.ExpiryTimer),
            new EndConference { ConferenceId = "conf-1", HangUpParticipants = true },
        ];
        foreach (var signal in signals)
        {
            Assert.Equal(signal, LifecycleJson.Deserialize<ConferenceSignal>(LifecycleJson.Serialize(signal)));
        }

        Apply(new JoinConference { CallId = "a" });
        Apply(Record(ConferenceRecordingAction.Start));
        Assert.Equal(
            JsonNode.Parse(LifecycleJson.Serialize(state))!.ToJsonString(),
            JsonNode.Parse(LifecycleJson.Serialize(LifecycleJson.Deserialize<ConferenceState>(LifecycleJson.Serialize(state))))!.ToJsonString());
    }
}
