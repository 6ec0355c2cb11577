using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Core.Queues;
using Voice.Media.Contracts;
using static Voice.Core.Tests.Lifecycles.CallHarness;

namespace Voice.Core.Tests.Lifecycles;

public sealed class QueueHoldAudioTests
{
    private const string Music = "https://cdn.example/hold.wav";
    private const string Template = "You are number {position} in line, after {wait_minutes} minutes.";

    private static EnqueueCall Enqueue(QueueHold? hold, int maxWait = 0, string id = "q1", int position = 3) => new()
    {
        CommandId = id,
        QueueName = "support",
        Position = position,
        MaxWaitSeconds = maxWait,
        EnqueuedAt = T0,
        Hold = hold,
    };

    private static QueueHold MusicAndAnnouncement(int every = 30) => new()
    {
        AudioUrl = Music,
        Announcement = new QueueAnnouncement { Template = Template, EverySeconds = every },
    };

    /// <summary>An answered Telnyx call waiting in "support" with hold music and an announcement every 30 s.</summary>
    private static (CallHarness Call, string MusicId) Queued(QueueHold? hold = null, int maxWait = 0)
    {
        var call = ParkedAndAnswered();
        call.Command(Enqueue(hold ?? MusicAndAnnouncement(), maxWait));
        var music = Assert.Single(call.Commands.OfType<PlayCommand>());
        return (call, music.Id);
    }

    private static string AnnouncementTimerId(CallHarness call) => Assert.Single(call.State.Timers, t => t.EndsWith(":t:queue-announcement", StringComparison.Ordinal));

    /// <summary>Lets the announcement timer fire after <paramref name="seconds"/> and the queue answer <paramref name="position"/>; returns the say.</summary>
    private static SayCommand? Announce(CallHarness call, int position, int seconds = 30, int averageWait = 0)
    {
        call.Advance(TimeSpan.FromSeconds(seconds));
        call.Apply(new TimerFired(AnnouncementTimerId(call)));
        var look = call.Effect<LookUpQueuePosition>();
        Assert.Equal(("acct-1", "support", CallId), (look.AccountId, look.QueueName, look.CallId));
        call.Apply(new QueuePosition("support", position, averageWait));
        return call.Commands.OfType<SayCommand>().SingleOrDefault();
    }

    private static bool NoEventsOrWebhooks(CallHarness call) =>
        !call.Effects.OfType<PublishEvent>().Any() && !call.Effects.OfType<PostWebhook>().Any() && !call.Effects.OfType<PostStatusCallback>().Any();

    [Fact]
    public void Enqueued_with_hold_audio_the_call_hears_it_looped_and_the_first_announcement_is_due_after_the_interval()
    {
        var call = ParkedAndAnswered();
        call.Command(Enqueue(MusicAndAnnouncement()));

        var play = call.Command<PlayCommand>();
        Assert.Equal((Music, 0, CallId), (play.Url, play.Loop, play.CallId));
        Assert.Equal([VoiceEventTypes.CallEnqueued], call.EventTypes);
        var timer = Assert.Single(call.Effects.OfType<StartTimer>(), t => t.TimerId.EndsWith(":t:queue-announcement", StringComparison.Ordinal));
        Assert.Equal(T0.AddSeconds(30), timer.DueAt);
    }

    [Fact]
    public void Hold_text_is_spoken_in_a_loop_in_its_voice()
    {
        var call = ParkedAndAnswered();
        call.Command(Enqueue(new QueueHold { Text = "Please hold.", Voice = "de-de" }));

        var say = call.Command<SayCommand>();
        Assert.Equal(("Please hold.", "de-de", 0), (say.Text, say.Voice, say.Loop));
        Assert.Empty(call.Effects.OfType<StartTimer>());
    }

    [Fact]
    public void Without_hold_settings_a_queued_call_waits_in_silence_as_before()
    {
        var call = ParkedAndAnswered();
        call.Command(Enqueue(hold: null));
        Assert.Empty(call.Commands);
        Assert.Null(call.State.QueueHold);
    }

    [Fact]
    public void The_hold_audio_and_the_announcements_send_no_playback_or_speak_events()
    {
        var (call, musicId) = Queued();
        call.Media(new PlaybackStartedEvent { Id = "ps", CallId = CallId, CommandId = musicId });
        Assert.True(NoEventsOrWebhooks(call));

        var say = Announce(call, 2)!;
        Assert.True(NoEventsOrWebhooks(call));
        call.Media(new PlaybackStartedEvent { Id = "as", CallId = CallId, CommandId = say.Id });
        Assert.True(NoEventsOrWebhooks(call));
        call.Media(new PlaybackEndedEvent { Id = "ae", CallId = CallId, CommandId = say.Id, Reason = "finished" });
        Assert.True(NoEventsOrWebhooks(call));
        Assert.DoesNotContain(call.All.OfType<PublishEvent>(), e => e.Event.Type.Contains("playback", StringComparison.Ordinal) || e.Event.Type.Contains("speak", StringComparison.Ordinal));
    }

    [Fact]
    public void The_announcement_speaks_the_position_the_queue_answers_when_it_is_due_not_the_one_at_enqueue()
    {
        var (call, _) = Queued();

        // The enqueue said 3; the queue says 2 when the announcement is due.
        var first = Announce(call, position: 2)!;
        Assert.Equal("You are number 2 in line, after 0 minutes.", first.Text);
        Assert.Equal(1, first.Loop);
        call.Media(new PlaybackEndedEvent { Id = "e1", CallId = CallId, CommandId = first.Id, Reason = "finished" });

        // An earlier caller left meanwhile: the next announcement says so, and counts this caller's wait.
        var second = Announce(call, position: 1, seconds: 90)!;
        Assert.Equal("You are number 1 in line, after 2 minutes.", second.Text);
    }

    [Fact]
    public void The_announcement_takes_the_hold_audios_place_and_the_hold_audio_comes_back_after_it()
    {
        var (call, musicId) = Queued();
        var say = Announce(call, 2)!;

        // A say takes the node's player: the hold audio is not stopped by a command of its own.
        Assert.Empty(call.Commands.OfType<StopMediaCommand>());
        Assert.Null(call.State.QueueHold!.MusicCommandId);

        call.Media(new PlaybackEndedEvent { Id = "ae", CallId = CallId, CommandId = say.Id, Reason = "finished" });
        var resumed = call.Command<PlayCommand>();
        Assert.Equal((Music, 0), (resumed.Url, resumed.Loop));
        Assert.NotEqual(musicId, resumed.Id);
    }

    [Fact]
    public void The_timer_keeps_its_beat_and_an_announcement_still_playing_is_not_interrupted_by_the_next()
    {
        var (call, _) = Queued(MusicAndAnnouncement(every: 10));
        call.Advance(TimeSpan.FromSeconds(10));
        call.Apply(new TimerFired(AnnouncementTimerId(call)));
        Assert.Equal(call.Now.AddSeconds(10), Assert.Single(call.Effects.OfType<StartTimer>()).DueAt);
        call.Apply(new QueuePosition("support", 1, 0));
        Assert.Single(call.Commands.OfType<SayCommand>());

        Assert.Null(Announce(call, 1, seconds: 10));
    }

    [Fact]
    public void A_position_answer_for_a_call_no_longer_in_the_queue_is_not_announced()
    {
        var (call, _) = Queued();
        Assert.Null(Announce(call, position: 0));
        call.Apply(new QueuePosition("sales", 1, 0));
        Assert.Empty(call.Commands);
    }

    [Fact]
    public void Leave_queue_stops_the_hold_audio_at_once_and_no_announcement_follows()
    {
        var (call, _) = Queued();
        var timer = AnnouncementTimerId(call);
        call.Command(new LeaveQueueCall { CommandId = "l1" });

        var effects = call.Effects;
        var stop = effects.ToList().FindIndex(e => e is SendMediaCommand { Command: StopMediaCommand });
        Assert.True(stop >= 0, "a stop_media command");
        Assert.True(stop < effects.ToList().FindIndex(e => e is LeaveQueue), "the hold audio stops before the queue is told");
        Assert.Contains(effects.OfType<CancelTimer>(), c => c.TimerId == timer);
        Assert.Null(call.State.QueueHold);

        call.Apply(new TimerFired(timer));
        Assert.Empty(call.Effects);
        call.Apply(new QueueLeft("support", 1, QueueDepartureReasons.Leave, 5));
        Assert.Empty(call.Commands);
    }

    [Fact]
    public void A_wait_that_runs_out_stops_the_hold_audio()
    {
        var (call, _) = Queued(maxWait: 60);
        call.Advance(TimeSpan.FromSeconds(60));
        call.Apply(new TimerFired(Assert.Single(call.State.Timers, t => t.EndsWith(":t:queue", StringComparison.Ordinal))));
        Assert.Single(call.Commands.OfType<StopMediaCommand>());
        Assert.Equal(QueueDepartureReasons.Timeout, call.Effect<LeaveQueue>().Reason);
    }

    [Fact]
    public void Taken_by_a_bridge_the_call_stops_its_hold_audio_and_announcement_when_told_it_left_before_the_bridge_is_reported()
    {
        var (call, _) = Queued();
        var say = Announce(call, 1)!;
        Assert.NotNull(say);

        call.Apply(new QueueLeft("support", 1, QueueDepartureReasons.Bridged, 31));
        Assert.Single(call.Commands.OfType<StopMediaCommand>());
        Assert.Equal([VoiceEventTypes.CallDequeued], call.EventTypes);

        call.Apply(new PeerBridged("agent"));
        Assert.Empty(call.Commands);
        call.Media(new PlaybackEndedEvent { Id = "ae", CallId = CallId, CommandId = say.Id, Reason = "stopped" });
        Assert.Empty(call.Commands);
        Assert.True(NoEventsOrWebhooks(call));
    }

    [Fact]
    public void A_bridge_straight_to_the_queued_call_stops_its_hold_audio_too()
    {
        var (call, _) = Queued();
        call.Apply(new PeerBridged("agent"));
        Assert.Single(call.Commands.OfType<StopMediaCommand>());
        Assert.Null(call.State.QueueHold);
    }

    [Fact]
    public void A_hangup_ends_the_hold_without_commands_after_the_hangup_and_cancels_the_announcements()
    {
        var (call, _) = Queued();
        var timer = AnnouncementTimerId(call);
        call.Hangup();
        Assert.Empty(call.Commands);
        Assert.Contains(call.Effects.OfType<CancelTimer>(), c => c.TimerId == timer);
        Assert.Null(call.State.QueueHold);
        call.Apply(new TimerFired(timer));
        Assert.Empty(call.Effects);
    }

    [Fact]
    public void The_applications_own_playback_takes_the_line_skips_an_announcement_and_the_hold_audio_comes_back_after_it()
    {
        var (call, _) = Queued();
        call.Command(new PlayAudio { CommandId = "p1", Url = "https://app.example/offer.wav" });
        var play = call.Command<PlayCommand>();
        Assert.Equal("https://app.example/offer.wav", play.Url);
        Assert.Empty(call.Commands.OfType<StopMediaCommand>());

        Assert.Null(Announce(call, 1));

        // The application's playback is reported as always, and then the hold audio resumes.
        call.Media(new PlaybackStartedEvent { Id = "ps", CallId = CallId, CommandId = play.Id });
        Assert.Equal([VoiceEventTypes.CallPlaybackStarted], call.EventTypes);
        call.Media(new PlaybackEndedEvent { Id = "pe", CallId = CallId, CommandId = play.Id, Reason = "finished" });
        Assert.Equal([VoiceEventTypes.CallPlaybackEnded], call.EventTypes);
        Assert.Equal(Music, call.Command<PlayCommand>().Url);
    }

    [Fact]
    public void Leaving_the_queue_while_the_applications_playback_plays_does_not_stop_that_playback()
    {
        var (call, _) = Queued();
        call.Command(new SpeakText { CommandId = "s1", Text = "A message from the application." });
        var speak = call.Command<SayCommand>();
        call.Command(new LeaveQueueCall { CommandId = "l1" });
        Assert.Empty(call.Commands);

        call.Media(new PlaybackEndedEvent { Id = "pe", CallId = CallId, CommandId = speak.Id, Reason = "finished" });
        Assert.Equal([VoiceEventTypes.CallSpeakEnded], call.EventTypes);
        Assert.Empty(call.Commands);
    }

    [Fact]
    public void A_gather_without_prompts_stops_the_hold_audio_first_and_the_gather_is_not_stopped_when_the_call_leaves()
    {
        var (call, _) = Queued();
        call.Command(new GatherDigits { CommandId = "g1" });
        var commands = call.Commands;
        Assert.IsType<StopMediaCommand>(commands[0]);
        Assert.IsType<GatherCommand>(commands[1]);

        call.Command(new LeaveQueueCall { CommandId = "l1" });
        Assert.Empty(call.Commands);
    }

    [Fact]
    public void A_playback_stop_that_stopped_the_hold_audio_does_not_silence_it_the_hold_audio_is_the_queues()
    {
        var (call, musicId) = Queued();
        call.Command(new StopPlayback { CommandId = "stop" });
        call.Media(new PlaybackEndedEvent { Id = "pe", CallId = CallId, CommandId = musicId, Reason = "stopped" });
        Assert.Equal(Music, call.Command<PlayCommand>().Url);
        Assert.True(NoEventsOrWebhooks(call));
    }

    [Fact]
    public void Hold_audio_that_cannot_be_played_is_reported_once_and_not_tried_again_while_announcements_go_on()
    {
        var (call, musicId) = Queued();
        call.Media(new PlaybackEndedEvent { Id = "pe", CallId = CallId, CommandId = musicId, Reason = "failed" });
        Assert.True(NoEventsOrWebhooks(call));
        call.Media(new MediaErrorEvent { Id = "er", CallId = CallId, CommandId = musicId, Code = "media_unavailable", Message = "GET https://cdn.example/hold.wav returned 404" });
        var failed = call.Effect<PublishEvent>().Event;
        Assert.Equal(VoiceEventTypes.CallCommandFailed, failed.Type);
        Assert.Equal(("EnqueueCall", "q1"), ((string?)failed.Data["command"], (string?)failed.Data["command_id"]));
        Assert.Contains("returned 404", (string?)failed.Data["reason"], StringComparison.Ordinal);

        var say = Announce(call, 1)!;
        call.Media(new PlaybackEndedEvent { Id = "ae", CallId = CallId, CommandId = say.Id, Reason = "finished" });
        Assert.Empty(call.Commands);
    }

    [Fact]
    public void Enqueued_again_the_call_hears_the_new_settings_and_a_new_queue_without_hold_is_silent()
    {
        var (call, _) = Queued();
        call.Command(Enqueue(new QueueHold { Text = "Still there?" }, id: "q2"));
        Assert.IsType<StopMediaCommand>(call.Commands[0]);
        Assert.Equal("Still there?", Assert.IsType<SayCommand>(call.Commands[1]).Text);
        Assert.DoesNotContain(call.State.Timers, t => t.EndsWith(":t:queue-announcement", StringComparison.Ordinal));

        call.Command(Enqueue(hold: null, id: "q3") with { QueueName = "sales" });
        Assert.Single(call.Commands.OfType<StopMediaCommand>());
        Assert.Null(call.State.QueueHold);
    }

    [Fact]
    public void A_call_state_with_hold_audio_round_trips_through_json_and_behaves_the_same()
    {
        var (call, _) = Queued();
        Announce(call, 2);
        var restored = LifecycleJson.Deserialize<CallState>(LifecycleJson.Serialize(call.State));
        Assert.Equal(LifecycleJson.Serialize(call.State), LifecycleJson.Serialize(restored));

        var signal = new QueueLeft("support", 2, QueueDepartureReasons.Leave, 30);
        Assert.Equal(
            LifecycleJson.Serialize(CallLifecycle.Instance.Apply(call.State, signal, call.Now)),
            LifecycleJson.Serialize(CallLifecycle.Instance.Apply(restored, signal, call.Now)));
    }
}
