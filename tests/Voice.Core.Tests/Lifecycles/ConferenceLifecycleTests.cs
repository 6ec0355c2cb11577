using Voice.Core.CallFlow;
using Voice.Core.Conferences;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;

namespace Voice.Core.Tests.Lifecycles;

public sealed class ConferenceLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private ConferenceState state;
    private IReadOnlyList<LifecycleEffect> effects;

    public ConferenceLifecycleTests() => (state, effects) = Start(maxParticipants: 3);

    private static (ConferenceState, IReadOnlyList<LifecycleEffect>) Start(int maxParticipants, bool record = false)
    {
        var record0 = new ConferenceRecord
        {
            Id = "conf-1",
            AccountId = "acct-1",
            FriendlyName = "room",
            Status = ConferenceStatus.Init,
            MaxParticipants = maxParticipants,
            Record = record,
            DateCreated = T0,
        };
        var transition = ConferenceLifecycle.Instance.Start(new ConferenceStart(record0, "room"), T0);
        return (transition.State, transition.Effects);
    }

    private IReadOnlyList<LifecycleEffect> Apply(ConferenceSignal signal)
    {
        (state, effects) = ConferenceLifecycle.Instance.Apply(state, signal, T0);
        return effects;
    }

    private IReadOnlyList<MediaCommand> Commands => [.. effects.OfType<SendMediaCommand>().Select(e => e.Command)];

    private IReadOnlyList<string> EventTypes => [.. effects.OfType<PublishEvent>().Select(e => e.Event.Type)];

    private IReadOnlyList<(string CallId, CallSignal Signal)> CallSignals => [.. effects.OfType<SignalCall>().Select(s => (s.CallId, s.Signal))];

    private static JoinConference Join(string callId, bool startOnEnter = true, bool endOnExit = false) =>
        new() { CallId = callId, StartOnEnter = startOnEnter, EndOnExit = endOnExit };

    [Fact]
    public void Start_saves_an_init_conference_and_announces_it()
    {
        Assert.Equal(ConferenceStatus.Init, state.Conference.Status);
        Assert.Equal([VoiceEventTypes.ConferenceCreated], effects.OfType<PublishEvent>().Select(e => e.Event.Type));
        Assert.Single(effects.OfType<SaveConference>());
    }

    [Fact]
    public void The_first_join_puts_the_conference_in_progress_and_the_call_in_the_mix()
    {
        Apply(new JoinConference { CallId = "a", Muted = true, Deaf = true, CoachCallId = "b" });

        Assert.Equal((ConferenceStatus.InProgress, 1), (state.Conference.Status, state.Conference.ParticipantCount));
        var join = Assert.IsType<JoinConferenceCommand>(Assert.Single(Commands));
        Assert.Equal(("a", "conf-1", true, true, "b"), (join.CallId, join.ConferenceId, join.Muted, join.Deaf, join.CoachCallId));
        Assert.Equal([VoiceEventTypes.ConferenceParticipantJoined], EventTypes);
        Assert.Equal(1, effects.OfType<SaveConference>().Last().Conference.ParticipantCount);
    }

    [Fact]
    public void A_repeated_join_is_ignored()
    {
        Apply(Join("a"));
        Assert.Empty(Apply(Join("a")));
        Assert.Equal(1, state.Conference.ParticipantCount);
    }

    [Fact]
    public void A_join_beyond_max_participants_is_rejected_with_a_message_and_an_event()
    {
        Apply(Join("a"));
        Apply(Join("b"));
        Apply(Join("c"));
        Apply(Join("d"));

        Assert.Equal(3, state.Conference.ParticipantCount);
        Assert.Empty(Commands);
        var (callId, signal) = Assert.Single(CallSignals);
        Assert.Equal("d", callId);
        Assert.Equal(new ConferenceJoinRejected("room", "max_participants", ConferenceLifecycle.FullMessage), signal);
        var rejected = Assert.Single(effects.OfType<PublishEvent>()).Event;
        Assert.Equal(VoiceEventTypes.ConferenceParticipantRejected, rejected.Type);
        Assert.Equal("max_participants", rejected.Data["reason"]!.GetValue<string>());
        Assert.Equal(3, rejected.Data["max_participants"]!.GetValue<int>());
    }

    [Fact]
    public void Participants_without_start_on_enter_wait_with_hold_music_until_a_moderator_joins()
    {
        Apply(new JoinConference { CallId = "a", StartOnEnter = false, MusicOnHoldUrl = "https://cdn.example/moh.wav" });
        var hold = Assert.IsType<PlayCommand>(Assert.Single(Commands));
        Assert.Equal(("a", 0), (hold.CallId, hold.Loop));

        Apply(Join("b", startOnEnter: false));
        Assert.Empty(Commands);
        Assert.Equal(2, state.Conference.ParticipantCount);
        Assert.All(state.Participants, p => Assert.True(p.Waiting));

        Apply(Join("moderator"));
        Assert.Collection(
            Commands,
            c => Assert.Equal(("a", typeof(StopMediaCommand)), (c.CallId, c.GetType())),
            c => Assert.Equal(("a", typeof(JoinConferenceCommand)), (c.CallId, c.GetType())),
            c => Assert.Equal(("b", typeof(JoinConferenceCommand)), (c.CallId, c.GetType())),
            c => Assert.Equal(("moderator", typeof(JoinConferenceCommand)), (c.CallId, c.GetType())));
        Assert.True(state.Started);
    }

    [Fact]
    public void When_the_last_participant_leaves_the_conference_completes()
    {
        Apply(Join("a"));
        Apply(Join("b"));
        Apply(new LeaveConference("a", CallEnded: true));
        Assert.Equal((ConferenceStatus.InProgress, 1), (state.Conference.Status, state.Conference.ParticipantCount));
        Assert.Empty(Commands);

        Apply(new LeaveConference("b", CallEnded: true));
        Assert.Equal((ConferenceStatus.Completed, 0), (state.Conference.Status, state.Conference.ParticipantCount));
        Assert.Equal([VoiceEventTypes.ConferenceParticipantLeft, VoiceEventTypes.ConferenceEnded], EventTypes);
    }

    [Fact]
    public void When_an_end_on_exit_participant_leaves_everyone_else_is_removed_and_their_flows_go_on()
    {
        Apply(Join("moderator", endOnExit: true));
        Apply(Join("b"));
        Apply(Join("c"));
        Apply(new LeaveConference("moderator", CallEnded: true));

        Assert.Equal(ConferenceStatus.Completed, state.Conference.Status);
        Assert.Equal(["b", "c"], Commands.OfType<LeaveConferenceCommand>().Select(c => c.CallId));
        Assert.Equal(
            [("b", (CallSignal)new ConferenceLeft("room", "end_on_exit")), ("c", new ConferenceLeft("room", "end_on_exit"))],
            CallSignals);
        Assert.Equal(VoiceEventTypes.ConferenceEnded, EventTypes[^1]);
    }

    [Fact]
    public void A_participant_removed_while_still_on_the_call_is_told_so_its_flow_goes_on()
    {
        Apply(Join("a"));
        Apply(Join("b"));
        Apply(new LeaveConference("a", CallEnded: false));
        Assert.Equal("a", Assert.IsType<LeaveConferenceCommand>(Assert.Single(Commands)).CallId);
        Assert.Equal(("a", (CallSignal)new ConferenceLeft("room", "removed")), Assert.Single(CallSignals));
    }

    [Fact]
    public void Ending_from_the_api_removes_everyone()
    {
        Apply(Join("a"));
        Apply(new JoinConference { CallId = "w", StartOnEnter = false });
        Apply(new EndConference());
        Assert.Equal(ConferenceStatus.Completed, state.Conference.Status);
        Assert.Equal(2, CallSignals.Count);
    }

    [Fact]
    public void Recording_starts_with_the_conference_addresses_the_mix_and_stops_when_it_ends()
    {
        (state, _) = Start(maxParticipants: 10, record: true);
        Apply(Join("a"));
        var record = Assert.Single(Commands.OfType<RecordCommand>());
        Assert.Equal("conf-1", record.CallId);

        Apply(new LeaveConference("a", CallEnded: true));
        Assert.Equal("conf-1", Assert.Single(Commands.OfType<StopRecordCommand>()).CallId);

        var saved = new RecordingSavedEvent { Id = "s", CallId = "conf-1", RecordingId = record.RecordingId, BlobUrl = "https://blob/c.wav" };
        var effects = Apply(new ConferenceMediaEventReceived(saved with { DurationMs = 61_000, Channels = 1, SizeBytes = 976_044 }));
        Assert.Equal([VoiceEventTypes.CallRecordingSaved], EventTypes);
        var row = Assert.Single(effects.OfType<SaveRecording>()).Recording;
        Assert.Equal((record.RecordingId, "acct-1", null, "conf-1"), (row.Id, row.AccountId, row.CallId, row.ConferenceId));
        Assert.Equal(("https://blob/c.wav", 61_000L, 1, 976_044L, T0), (row.BlobUrl, row.DurationMs, row.Channels, row.SizeBytes, row.DateCreated));
        Assert.Empty(Apply(new ConferenceMediaEventReceived(saved)));
    }

    [Fact]
    public void A_participant_asking_to_record_starts_the_mix_recording_once_the_conference_starts()
    {
        Apply(new JoinConference { CallId = "a", StartOnEnter = false, Record = true });
        Assert.Empty(Commands.OfType<RecordCommand>());
        Apply(Join("b"));
        Assert.Single(Commands.OfType<RecordCommand>());
        Apply(new JoinConference { CallId = "c", Record = true });
        Assert.Empty(Commands.OfType<RecordCommand>());
    }

    [Fact]
    public void Mute_and_deaf_updates_reach_the_node_for_a_participant_in_the_mix()
    {
        Apply(Join("a"));
        Apply(new UpdateConferenceParticipant("a", Muted: true, Deaf: null));
        var update = Assert.IsType<UpdateParticipantCommand>(Assert.Single(Commands));
        Assert.Equal((true, (bool?)null), (update.Muted, update.Deaf));
        Assert.True(state.Participants[0].Muted);

        Assert.Empty(Apply(new UpdateConferenceParticipant("nobody", true, true)));
    }

    [Fact]
    public void A_completed_conference_refuses_joins_and_ignores_everything_else()
    {
        Apply(Join("a"));
        Apply(new LeaveConference("a", CallEnded: true));

        Apply(Join("late"));
        Assert.Equal(("late", (CallSignal)new ConferenceJoinRejected("room", "ended", "The conference has ended.")), Assert.Single(CallSignals));
        Assert.Empty(Commands);
        Assert.Empty(Apply(new LeaveConference("a", CallEnded: false)));
        Assert.Empty(Apply(new EndConference()));
        Assert.Equal(ConferenceStatus.Completed, state.Conference.Status);
    }

    [Fact]
    public void A_participant_event_url_receives_that_participants_joined_and_left_events()
    {
        var target = new WebhookTarget("https://app.example/conf", "POST");
        Apply(new JoinConference { CallId = "a", EventUrl = target });
        var joined = Assert.Single(effects.OfType<PostWebhook>());
        Assert.Equal(target.Url, joined.Url);
        Assert.Contains("\"type\":\"telefon.voice.conference.participant.joined\"", joined.PayloadJson, StringComparison.Ordinal);
        Assert.Contains("\"call_id\":\"a\"", joined.PayloadJson, StringComparison.Ordinal);

        Apply(Join("b"));
        Assert.Empty(effects.OfType<PostWebhook>());

        Apply(new LeaveConference("a", CallEnded: true));
        Assert.Contains("participant.left", Assert.Single(effects.OfType<PostWebhook>()).PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaving_unknown_participants_is_ignored()
    {
        Assert.Empty(Apply(new LeaveConference("ghost", CallEnded: true)));
        Assert.Equal(ConferenceStatus.Init, state.Conference.Status);
    }

    [Fact]
    public void Conference_events_carry_consecutive_sequence_numbers()
    {
        var all = new List<LifecycleEffect>(effects);
        foreach (var signal in new ConferenceSignal[] { Join("a"), Join("b"), new LeaveConference("a", true), new EndConference() })
        {
            all.AddRange(Apply(signal));
        }

        var sequences = all.OfType<PublishEvent>().Select(e => e.Event.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
    }
}
