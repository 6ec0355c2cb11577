using Voice.Core.Accounts;
using Voice.Core.Conferences;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;

namespace Voice.Core.Tests.Lifecycles;

/// <summary>
/// What an API does to a conference beyond joins and leaves: mute and hold participants, speak and play to them, and
/// the conference created for a call, which reports to its webhook in its dialect and lists its members.
/// </summary>
public sealed class ConferenceParticipantActionsTests
{
    private const string ConferenceId = "CF0000000000000000000000000000000a";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private ConferenceState state;
    private IReadOnlyList<LifecycleEffect> effects;

    public ConferenceParticipantActionsTests()
    {
        var record = new ConferenceRecord
        {
            Id = ConferenceId,
            AccountId = "acct-1",
            FriendlyName = "room",
            Status = ConferenceStatus.Init,
            DateCreated = T0,
            Dialect = ApplicationDialect.Telnyx,
            WebhookUrl = "https://app.example/telnyx",
            ApplicationId = "AP1",
            ClientState = "c3RhdGU=",
            CreatorCallId = "a",
            HoldAudioUrl = "https://cdn.example/hold.wav",
        };
        (state, effects) = ConferenceLifecycle.Instance.Start(new ConferenceStart(record, "room"), T0);
    }

    private IReadOnlyList<MediaCommand> Commands => [.. effects.OfType<SendMediaCommand>().Select(e => e.Command)];

    private ConferenceRecord Saved => effects.OfType<SaveConference>().Last().Conference;

    private IReadOnlyList<LifecycleEffect> Apply(ConferenceSignal signal, int secondsLater = 0)
    {
        (state, effects) = ConferenceLifecycle.Instance.Apply(state, signal, T0.AddSeconds(secondsLater));
        return effects;
    }

    private void JoinAll(params string[] callIds)
    {
        foreach (var callId in callIds)
        {
            Apply(new JoinConference { CallId = callId });
        }
    }

    [Fact]
    public void A_conference_created_for_a_call_reports_every_event_to_its_webhook_in_its_dialect()
    {
        var created = Assert.Single(effects.OfType<PublishEvent>()).Event;
        Assert.Equal(VoiceEventTypes.ConferenceCreated, created.Type);
        Assert.Equal(("https://app.example/telnyx", ApplicationDialect.Telnyx), (created.WebhookUrl, created.Dialect));
        Assert.Equal(("a", "AP1", "c3RhdGU="), ((string?)created.Data["call_id"], (string?)created.Data["application_id"], (string?)created.Data["client_state"]));

        JoinAll("a");
        var joined = Assert.Single(effects.OfType<PublishEvent>()).Event;
        Assert.Equal((VoiceEventTypes.ConferenceParticipantJoined, "https://app.example/telnyx"), (joined.Type, joined.WebhookUrl));
        Assert.Empty(effects.OfType<PostWebhook>());
    }

    [Fact]
    public void Muting_named_participants_mutes_only_them_and_the_saved_record_lists_them_muted()
    {
        JoinAll("a", "b", "c");

        Apply(new ChangeConferenceParticipants { ConferenceId = ConferenceId, CallIds = ["a", "c"], Muted = true });

        var updates = Commands.OfType<UpdateParticipantCommand>().ToList();
        Assert.Equal(["a", "c"], updates.Select(u => u.CallId));
        Assert.All(updates, u => Assert.Equal((true, false), (u.Muted, u.Deaf)));
        Assert.Equal([true, false, true], Saved.Participants.Select(m => m.Muted));
    }

    [Fact]
    public void Commands_to_participants_go_to_the_node_the_conference_mixes_on()
    {
        var node = new Voice.Media.Contracts.Nodes.MediaNodeAddress("node-a", "0badcafe");
        Apply(new JoinConference { CallId = "a", Node = node });
        Apply(new JoinConference { CallId = "b", Node = node });

        Apply(new ChangeConferenceParticipants { ConferenceId = ConferenceId, Muted = true });

        var sends = effects.OfType<SendMediaCommand>().ToList();
        Assert.Equal(2, sends.Count);
        Assert.All(sends, s => Assert.Equal(node, s.Node));
        Assert.Equal(node, Saved.Node);
    }

    [Fact]
    public void No_call_ids_means_every_participant_and_a_change_that_changes_nothing_sends_nothing()
    {
        JoinAll("a", "b");

        Apply(new ChangeConferenceParticipants { ConferenceId = ConferenceId, Muted = true });
        Assert.Equal(["a", "b"], Commands.OfType<UpdateParticipantCommand>().Select(u => u.CallId));

        Apply(new ChangeConferenceParticipants { ConferenceId = ConferenceId, Muted = true });
        Assert.Empty(Commands);
    }

    [Fact]
    public void Hold_takes_a_participant_out_of_hearing_and_being_heard_with_music_and_unhold_restores_its_own_mute()
    {
        JoinAll("a");
        Apply(new ChangeConferenceParticipants { ConferenceId = ConferenceId, CallIds = ["a"], Muted = true });

        Apply(new ChangeConferenceParticipants { ConferenceId = ConferenceId, CallIds = ["a"], OnHold = true, HoldAudioUrl = "https://cdn.example/music.wav" });
        var play = Assert.IsType<PlayCommand>(Commands[0]);
        Assert.Equal(("https://cdn.example/music.wav", 0), (play.Url, play.Loop));
        var held = Assert.IsType<UpdateParticipantCommand>(Commands[1]);
        Assert.Equal((true, true), (held.Muted, held.Deaf));
        Assert.True(Saved.Participants[0].OnHold);

        Apply(new ChangeConferenceParticipants { ConferenceId = ConferenceId, CallIds = ["a"], OnHold = false });
        Assert.Equal(play.CallId, Assert.IsType<StopMediaCommand>(Commands[0]).CallId);
        var unheld = Assert.IsType<UpdateParticipantCommand>(Commands[1]);
        Assert.Equal((true, false), (unheld.Muted, unheld.Deaf));
        Assert.False(Saved.Participants[0].OnHold);
    }

    [Fact]
    public void A_join_both_muted_and_deaf_is_a_held_join_and_unheld_it_is_neither()
    {
        Apply(new JoinConference { CallId = "a", Muted = true, Deaf = true });
        var join = Assert.IsType<JoinConferenceCommand>(Assert.Single(Commands));
        Assert.Equal((true, true), (join.Muted, join.Deaf));
        Assert.Equal((true, false), (Saved.Participants[0].OnHold, Saved.Participants[0].Muted));

        Apply(new ChangeConferenceParticipants { ConferenceId = ConferenceId, OnHold = false });
        var update = Assert.IsType<UpdateParticipantCommand>(Assert.Single(Commands));
        Assert.Equal((false, false), (update.Muted, update.Deaf));
    }

    [Fact]
    public void A_held_participant_updated_as_telefon_does_keeps_what_the_update_does_not_name()
    {
        Apply(new JoinConference { CallId = "a", Muted = true, Deaf = true });

        Apply(new UpdateConferenceParticipant("a", Muted: false, Deaf: null));

        var participant = Assert.Single(state.Participants);
        Assert.Equal((false, true, false), (participant.Muted, participant.Deaf, participant.OnHold));
    }

    [Fact]
    public void Speech_and_audio_go_to_each_participant_in_the_mix_but_not_to_one_on_hold()
    {
        JoinAll("a", "b");
        Apply(new ChangeConferenceParticipants { ConferenceId = ConferenceId, CallIds = ["b"], OnHold = true });

        Apply(new SpeakToConference { ConferenceId = ConferenceId, Text = "Welcome", Voice = "en-gb" });
        var say = Assert.IsType<SayCommand>(Assert.Single(Commands));
        Assert.Equal(("a", "Welcome", "en-gb"), (say.CallId, say.Text, say.Voice));

        Apply(new PlayToConference { ConferenceId = ConferenceId, CallIds = ["a"], Url = "https://cdn.example/x.wav", Loop = 0 });
        Assert.Equal(("a", 0), (Assert.IsType<PlayCommand>(Assert.Single(Commands)).CallId, ((PlayCommand)Commands[0]).Loop));

        Apply(new StopConferenceAudio { ConferenceId = ConferenceId });
        Assert.Equal("a", Assert.IsType<StopMediaCommand>(Assert.Single(Commands)).CallId);
    }

    [Fact]
    public void Signals_for_another_conference_under_the_same_name_are_ignored()
    {
        JoinAll("a");

        Assert.Empty(Apply(new ChangeConferenceParticipants { ConferenceId = "CF0000000000000000000000000000000b", Muted = true }));
        Assert.Empty(Apply(new EndConference { ConferenceId = "CF0000000000000000000000000000000b" }));
        Assert.Empty(Apply(new OpenConference(new ConferenceStart(state.Conference with { Id = "CF0000000000000000000000000000000b" }, "room"))));
        Assert.Equal(ConferenceStatus.InProgress, state.Conference.Status);
    }

    [Fact]
    public void The_saved_record_lists_members_and_the_last_departures_and_an_end_by_the_api_says_so()
    {
        JoinAll("a", "b");
        Apply(new LeaveConference("b", CallEnded: true), secondsLater: 5);
        Assert.Equal(
            [("a", ConferenceMemberStatus.Joined), ("b", ConferenceMemberStatus.Left)],
            Saved.Participants.Select(m => (m.CallId, m.Status)));
        Assert.Equal(T0.AddSeconds(5), Saved.Participants[1].UpdatedAt);

        Apply(new EndConference { ConferenceId = ConferenceId }, secondsLater: 9);

        Assert.Equal((ConferenceStatus.Completed, "ended_by_api", T0.AddSeconds(9)), (Saved.Status, Saved.EndReason, Saved.EndedAt));
        Assert.All(Saved.Participants, m => Assert.Equal(ConferenceMemberStatus.Left, m.Status));
        var ended = effects.OfType<PublishEvent>().Last().Event;
        Assert.Equal((VoiceEventTypes.ConferenceEnded, "a"), (ended.Type, (string?)ended.Data["call_id"]));
    }

    [Fact]
    public void A_participant_whose_exit_ends_the_conference_is_recorded_as_who_ended_it()
    {
        Apply(new JoinConference { CallId = "host", EndOnExit = true });
        JoinAll("b");

        Apply(new LeaveConference("host", CallEnded: false));

        Assert.Equal(("end_on_exit", "host"), (Saved.EndReason, Saved.EndedByCallId));
    }

    [Fact]
    public void Departures_beyond_the_remembered_number_are_forgotten_oldest_first()
    {
        for (var i = 0; i <= ConferenceLifecycle.RememberedDepartures; i++)
        {
            JoinAll($"p{i}", "stay");
            Apply(new LeaveConference($"p{i}", CallEnded: true));
        }

        Assert.Equal(ConferenceLifecycle.RememberedDepartures, state.Departed.Count);
        Assert.Equal("p1", state.Departed[0].CallId);
        Assert.Equal(ConferenceLifecycle.RememberedDepartures + 1, Saved.Participants.Count);
    }

    [Fact]
    public void A_participant_waiting_for_the_start_hears_the_conference_hold_audio_and_is_listed_on_hold()
    {
        Apply(new JoinConference { CallId = "a", StartOnEnter = false });

        Assert.Equal("https://cdn.example/hold.wav", Assert.IsType<PlayCommand>(Assert.Single(Commands)).Url);
        Assert.True(Saved.Participants[0].OnHold);
    }

    [Fact]
    public void The_new_signals_and_a_state_with_members_round_trip_through_json()
    {
        JoinAll("a");
        ConferenceSignal[] signals =
        [
            new ChangeConferenceParticipants { ConferenceId = ConferenceId, CallIds = ["a"], OnHold = true, HoldAudioUrl = "https://x/h.wav" },
            new SpeakToConference { ConferenceId = ConferenceId, Text = "hi" },
            new PlayToConference { ConferenceId = ConferenceId, Url = "https://x/p.wav" },
            new StopConferenceAudio { ConferenceId = ConferenceId },
            new EndConference { ConferenceId = ConferenceId },
            new OpenConference(new ConferenceStart(state.Conference, "room")),
        ];
        foreach (var signal in signals)
        {
            var json = LifecycleJson.Serialize<ConferenceSignal>(signal);
            Assert.Equal(json, LifecycleJson.Serialize(LifecycleJson.Deserialize<ConferenceSignal>(json)));
        }

        var stateJson = LifecycleJson.Serialize(state);
        Assert.Equal(stateJson, LifecycleJson.Serialize(LifecycleJson.Deserialize<ConferenceState>(stateJson)));
    }
}
