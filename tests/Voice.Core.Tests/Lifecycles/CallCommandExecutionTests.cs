using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;
using static Voice.Core.Tests.Lifecycles.CallHarness;

namespace Voice.Core.Tests.Lifecycles;

public sealed class CallCommandExecutionTests
{
    [Fact]
    public void A_parked_inbound_call_rings_without_fetching_and_reports_initiated_to_its_webhook()
    {
        var call = Parked();

        Assert.Empty(call.Effects.OfType<FetchCallFlow>());
        Assert.Empty(call.Commands);
        var initiated = Assert.Single(call.Effects.OfType<PublishEvent>()).Event;
        Assert.Equal((VoiceEventTypes.CallInitiated, StatusUrl), (initiated.Type, initiated.WebhookUrl));
        Assert.Equal(Voice.Core.Accounts.ApplicationDialect.Telnyx, initiated.Dialect);
        Assert.Empty(call.Effects.OfType<PostStatusCallback>());
        Assert.Equal(CallStatus.Ringing, call.Status);
    }

    [Fact]
    public void Answer_command_answers_and_the_call_stays_up_without_a_flow()
    {
        var call = Parked();
        call.Command(new AnswerCall { CommandId = "a1" });
        Assert.IsType<AnswerCommand>(Assert.Single(call.Commands));

        call.Media(new AnsweredEvent { Id = "x", CallId = CallId });
        Assert.Equal(CallStatus.InProgress, call.Status);
        Assert.Empty(call.Commands);
        Assert.Equal([VoiceEventTypes.CallAnswered], call.EventTypes);
    }

    [Fact]
    public void A_parked_call_nobody_answers_is_given_up_after_its_ring_timeout()
    {
        var call = Parked();
        var timer = call.Effect<StartTimer>();
        call.Advance(TimeSpan.FromSeconds(30));
        call.Apply(new TimerFired(timer.TimerId));
        Assert.Equal(CallStatus.NoAnswer, call.Status);
    }

    [Fact]
    public void The_same_command_id_is_applied_once()
    {
        var call = ParkedAndAnswered();
        Assert.Single(call.Command(new SpeakText { CommandId = "s1", Text = "Hello" }).OfType<SendMediaCommand>());
        Assert.Empty(call.Command(new SpeakText { CommandId = "s1", Text = "Hello" }));
        Assert.Single(call.Command(new SpeakText { CommandId = "s2", Text = "Hello" }).OfType<SendMediaCommand>());
    }

    [Fact]
    public void Speak_reports_started_and_ended_with_the_client_state()
    {
        var call = ParkedAndAnswered();
        call.Command(new SpeakText { CommandId = "s1", Text = "Hello there", Voice = "en-gb", ClientState = "YWJj" });
        var say = call.Command<SayCommand>();
        Assert.Equal(("Hello there", "en-gb"), (say.Text, say.Voice));
        Assert.Equal("YWJj", call.State.Call.ClientState);
        Assert.Equal("YWJj", call.Effect<SaveCall>().Call.ClientState);

        call.Media(new PlaybackStartedEvent { Id = "ps", CallId = CallId, CommandId = say.Id });
        call.Media(new PlaybackEndedEvent { Id = "pe", CallId = CallId, CommandId = say.Id });
        var ended = call.Effect<PublishEvent>().Event;
        Assert.Equal((VoiceEventTypes.CallSpeakEnded, StatusUrl), (ended.Type, ended.WebhookUrl));
        Assert.Equal("YWJj", (string?)ended.Data["client_state"]);
        Assert.Empty(call.State.CommandMedia);
    }

    [Fact]
    public void Gather_sends_prompts_and_limits_and_reports_the_digits()
    {
        var call = ParkedAndAnswered();
        call.Command(new GatherDigits
        {
            CommandId = "g1",
            Prompts = [new GatherPromptSpec("Press a key", null)],
            MaxDigits = 3,
            Terminators = "*",
            TimeoutSeconds = 10,
        });
        var gather = call.Command<GatherCommand>();
        Assert.Equal(("Press a key", 3, "*", 10.0), (gather.Prompts[0].Text, gather.MaxDigits, gather.Terminators, gather.TimeoutSeconds));

        call.Media(new GatherEndedEvent { Id = "ge", CallId = CallId, CommandId = gather.Id, Digits = "12", Reason = "terminator" });
        var ended = call.Effect<PublishEvent>().Event;
        Assert.Equal((VoiceEventTypes.CallGatherEnded, "12", "terminator"), (ended.Type, (string?)ended.Data["digits"], (string?)ended.Data["reason"]));
    }

    [Fact]
    public void A_media_command_before_answer_is_dropped_and_reported()
    {
        var call = Parked();
        call.Command(new SpeakText { CommandId = "s1", Text = "Too early" });
        Assert.Empty(call.Commands);
        var failed = call.Effect<PublishEvent>().Event;
        Assert.Equal((VoiceEventTypes.CallCommandFailed, "NotAnswered"), (failed.Type, (string?)failed.Data["reason"]));
    }

    [Fact]
    public void Commands_on_an_ended_call_do_nothing()
    {
        var call = ParkedAndAnswered();
        call.Hangup();
        Assert.Empty(call.Command(new SpeakText { CommandId = "s1", Text = "Gone" }));
    }

    [Fact]
    public void Reject_refuses_the_ringing_call_as_busy()
    {
        var call = Parked();
        call.Command(new RejectCall { CommandId = "r1", Cause = "busy" });
        Assert.Equal("busy", call.Command<RejectCommand>().Reason);
        Assert.Equal(CallStatus.Busy, call.Status);
    }

    [Fact]
    public void Hangup_command_ends_an_answered_call_as_completed()
    {
        var call = ParkedAndAnswered();
        call.Command(new HangupCall { CommandId = "h1" });
        Assert.Equal("hangup_command", call.Command<HangupCommand>().Reason);
        Assert.Equal(CallStatus.Completed, call.Status);
    }

    [Fact]
    public void Bridge_joins_the_audio_and_tells_the_other_call()
    {
        var call = ParkedAndAnswered();
        call.Command(new BridgeCalls { CommandId = "b1", OtherCallId = "call-2" });
        Assert.Equal("call-2", call.Command<BridgeCommand>().OtherCallId);
        var signal = call.Effect<SignalCall>();
        Assert.Equal("call-2", signal.CallId);
        Assert.Equal(new PeerBridged(CallId), signal.Signal);
        Assert.Contains(VoiceEventTypes.CallBridged, call.EventTypes);

        call.Command(new UnbridgeCall { CommandId = "u1" });
        Assert.IsType<UnbridgeCommand>(Assert.Single(call.Commands));
        Assert.Equal([VoiceEventTypes.CallUnbridged], call.EventTypes);
    }

    [Fact]
    public void The_bridged_peer_reports_the_bridge_too()
    {
        var call = ParkedAndAnswered();
        call.Apply(new PeerBridged("call-0"));
        Assert.Equal("call-0", call.State.BridgedWith);
        Assert.Equal("call-0", (string?)call.Effect<PublishEvent>().Event.Data["other_call_id"]);
    }

    [Fact]
    public void Transfer_dials_a_new_leg_and_bridges_it_on_answer()
    {
        var call = ParkedAndAnswered();
        call.Command(new TransferCall { CommandId = "t1", To = "sip:bob@127.0.0.1:5070", TimeoutSeconds = 20 });
        var child = call.Effect<StartChildCall>().Start.Call;
        Assert.Equal(("sip:bob@127.0.0.1:5070", CallId, 20, CallReporting.EveryEvent), (child.To, child.ParentCallId, child.TimeoutSeconds, child.Reporting));

        call.Apply(new ChildCallStatusChanged(child.Id, CallStatus.InProgress));
        Assert.Equal(child.Id, call.Command<BridgeCommand>().OtherCallId);
    }

    [Fact]
    public void A_new_leg_gets_a_well_formed_call_id_that_a_replay_mints_again()
    {
        var first = ParkedAndAnswered();
        var second = ParkedAndAnswered();
        first.Command(new TransferCall { CommandId = "t1", To = "sip:bob@127.0.0.1:5070" });
        second.Command(new TransferCall { CommandId = "t1", To = "sip:bob@127.0.0.1:5070" });

        var leg = first.Effect<StartChildCall>().Start.Call.Id;
        Assert.True(SortableIds.IsWellFormed(leg, SortableIds.CallPrefix), leg);
        Assert.Equal(leg, second.Effect<StartChildCall>().Start.Call.Id);
        Assert.NotEqual(CallId, leg);
    }

    [Fact]
    public void Record_start_and_stop_report_the_saved_recording_once_to_the_webhook()
    {
        var call = ParkedAndAnswered();
        call.Command(new StartRecording { CommandId = "r1", Channels = 2 });
        var record = call.Command<RecordCommand>();
        Assert.Equal(2, record.Channels);
        call.Command(new StopRecording { CommandId = "r2" });
        Assert.IsType<StopRecordCommand>(Assert.Single(call.Commands));

        call.Media(new RecordingSavedEvent { Id = "rs", CallId = CallId, RecordingId = record.RecordingId, BlobUrl = "http://blob/r.wav", DurationMs = 1500, Channels = 2 });
        Assert.Equal(VoiceEventTypes.CallRecordingSaved, call.Effect<PublishEvent>().Event.Type);
        Assert.Empty(call.Effects.OfType<PostWebhook>());
    }

    [Fact]
    public void Conference_join_and_leave_signal_the_conference()
    {
        var call = ParkedAndAnswered();
        call.Command(new JoinConferenceCall { CommandId = "j1", ConferenceName = "room", Hold = true });
        var join = Assert.IsType<JoinConference>(call.Effect<SignalConference>().Signal);
        Assert.Equal((CallId, true, true), (join.CallId, join.Muted, join.Deaf));

        call.Command(new LeaveConferenceCall { CommandId = "l1" });
        Assert.Equal(new LeaveConference(CallId, CallEnded: false), call.Effect<SignalConference>().Signal);
    }

    [Fact]
    public void Client_state_update_only_changes_the_state()
    {
        var call = ParkedAndAnswered();
        call.Command(new UpdateClientState { CommandId = "c1", ClientState = "bmV3" });
        Assert.Equal("bmV3", call.Effect<SaveCall>().Call.ClientState);
        Assert.Empty(call.Commands);
    }

    [Fact]
    public void Commands_survive_a_json_round_trip_of_the_signal()
    {
        CallSignal signal = new CommandRequested(new GatherDigits { CommandId = "g", Prompts = [new GatherPromptSpec(null, "http://a/b.wav")], ClientState = "eA==" });
        var json = System.Text.Json.JsonSerializer.Serialize(signal, LifecycleJson.Options);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonSerializer.Deserialize<CallSignal>(json, LifecycleJson.Options), LifecycleJson.Options), json);
        Assert.Contains("\"command\":\"gather\"", json);
    }
}
