using Voice.Core.CallFlow;
using Voice.Core.Calls;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;
using static Voice.Core.Tests.Lifecycles.CallHarness;

namespace Voice.Core.Tests.Lifecycles;

public sealed class CallFlowExecutionTests
{
    [Fact]
    public void Talk_speaks_and_the_next_action_waits_for_playback_end()
    {
        var call = Running("""[{"action":"talk","text":"One","language":"en-GB","loop":2},{"action":"talk","text":"Two"}]""");
        var say = call.Command<SayCommand>();
        Assert.Equal(("One", "en-gb", 2, false), (say.Text, say.Voice, say.Loop, say.BargeIn));

        call.Media(new PlaybackStartedEvent { Id = "ps", CallId = CallId, CommandId = say.Id });
        Assert.Equal([VoiceEventTypes.CallSpeakStarted], call.EventTypes);
        Assert.Empty(call.Commands);

        call.EndPlayback();
        Assert.Equal([VoiceEventTypes.CallSpeakEnded], call.EventTypes);
        Assert.Equal("Two", call.Command<SayCommand>().Text);
    }

    [Fact]
    public void Playback_end_of_another_command_does_not_advance_the_flow()
    {
        var call = Running("""[{"action":"talk","text":"One"},{"action":"talk","text":"Two"}]""");
        Assert.Empty(call.Media(new PlaybackEndedEvent { Id = "pe", CallId = CallId, CommandId = "old-command" }));
    }

    [Fact]
    public void Stream_plays_the_url_and_reports_playback_events()
    {
        var call = Running("""[{"action":"stream","streamUrl":["https://cdn.example/a.wav"],"loop":3}]""");
        var play = call.Command<PlayCommand>();
        Assert.Equal(("https://cdn.example/a.wav", 3), (play.Url, play.Loop));

        call.EndPlayback();
        Assert.Equal(VoiceEventTypes.CallPlaybackEnded, call.EventTypes[0]);
    }

    [Fact]
    public void The_end_of_the_action_list_hangs_up_as_completed()
    {
        var call = Running("""[{"action":"talk","text":"Bye"}]""");
        call.Advance(TimeSpan.FromSeconds(3));
        call.EndPlayback();

        Assert.Equal(CallStatus.Completed, call.Status);
        Assert.Equal("call_flow_ended", call.Command<HangupCommand>().Reason);
        Assert.Equal(3, call.State.Call.Duration);
    }

    [Fact]
    public void Hangup_action_ends_the_call_and_skips_what_follows()
    {
        var call = Running("""[{"action":"hangup"},{"action":"talk","text":"never"}]""");
        Assert.Equal("hangup_action", call.Command<HangupCommand>().Reason);
        Assert.Equal(CallStatus.Completed, call.Status);
    }

    [Fact]
    public void Input_gathers_digits_and_posts_the_result_to_its_event_url()
    {
        var call = Running("""[{"action":"input","type":["dtmf"],"dtmf":{"maxDigits":2,"submitOnHash":true,"timeOut":5},"eventUrl":["https://app.example/ivr"]}]""");
        var gather = call.Command<GatherCommand>();
        Assert.Equal((2, "#", 5.0, 5.0), (gather.MaxDigits, gather.Terminators, gather.TimeoutSeconds, gather.InterDigitTimeoutSeconds));
        Assert.Empty(gather.Prompts);

        call.EndGather("42", "terminator");
        Assert.Equal([VoiceEventTypes.CallGatherEnded], call.EventTypes);
        var fetch = call.Effect<FetchCallFlow>();
        Assert.Equal(("https://app.example/ivr", "POST", WebhookPurpose.InputResult), (fetch.Url, fetch.Method, fetch.Purpose));
        Assert.Contains("\"dtmf\":{\"digits\":\"42\",\"timed_out\":false,\"reason\":\"terminator\"}", fetch.PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Speech_input_listens_with_the_context_and_posts_what_was_said_as_vonage_does()
    {
        var call = Running("""[{"action":"input","type":["speech"],"speech":{"context":["sales","support"],"endOnSilence":1,"startTimeout":4},"eventUrl":["https://app.example/ivr"]}]""");
        var gather = call.Command<GatherCommand>();
        Assert.False(gather.Dtmf);
        Assert.Equal(4.0, gather.TimeoutSeconds);
        Assert.Equal(["sales", "support"], gather.Speech!.Hints);
        Assert.Equal((1.0, 60.0), (gather.Speech.EndSilenceSeconds, gather.Speech.MaxDurationSeconds));

        call.EndGather("", "speech", new SpeechInputResult { Results = [new("sales", 0.8765)], EndReason = SpeechEndReasons.EndOnSilence });

        var payload = call.Effect<FetchCallFlow>().PayloadJson;
        Assert.Contains("\"speech\":{\"timeout_reason\":\"end_on_silence_timeout\",\"results\":[{\"text\":\"sales\",\"confidence\":\"0.8765\"}],\"error\":null}", payload, StringComparison.Ordinal);
        Assert.Equal([VoiceEventTypes.CallGatherEnded], call.EventTypes);
    }

    [Fact]
    public void The_input_webhook_answer_replaces_the_rest_of_the_flow()
    {
        var call = Running("""[{"action":"input","type":["dtmf"],"eventUrl":["https://app.example/ivr"]},{"action":"talk","text":"old"}]""");
        call.EndGather("1");
        call.Respond("""[{"action":"talk","text":"You pressed one"}]""");

        Assert.Equal("You pressed one", call.Command<SayCommand>().Text);
        call.EndPlayback();
        call.Command<HangupCommand>();
    }

    [Fact]
    public void An_empty_input_webhook_answer_keeps_the_remaining_actions()
    {
        var call = Running("""[{"action":"input","type":["dtmf"],"eventUrl":["https://app.example/ivr"]},{"action":"talk","text":"next"}]""");
        call.EndGather("", "timeout");
        Assert.Contains("\"timed_out\":true", call.Effect<FetchCallFlow>().PayloadJson, StringComparison.Ordinal);

        call.Respond("  ");
        Assert.Equal("next", call.Command<SayCommand>().Text);
    }

    [Fact]
    public void Input_without_event_url_publishes_the_result_and_goes_on()
    {
        var call = Running("""[{"action":"input","type":["dtmf"]},{"action":"talk","text":"next"}]""");
        call.EndGather("9");
        Assert.Equal([VoiceEventTypes.CallGatherEnded], call.EventTypes);
        Assert.Equal("next", call.Command<SayCommand>().Text);
    }

    [Fact]
    public void Barge_in_talk_and_stream_become_the_prompts_of_the_following_input()
    {
        var call = Running("""
            [{"action":"talk","text":"Press 1","bargeIn":true,"loop":2},
             {"action":"stream","streamUrl":["https://cdn.example/m.wav"]},
             {"action":"input","type":["dtmf"],"dtmf":{"maxDigits":1}},
             {"action":"talk","text":"after"}]
            """);
        var gather = call.Command<GatherCommand>();
        Assert.Equal(
            [new GatherPrompt { Text = "Press 1" }, new GatherPrompt { Text = "Press 1" }, new GatherPrompt { Url = "https://cdn.example/m.wav" }],
            gather.Prompts);
        Assert.Empty(call.Commands.OfType<SayCommand>());

        call.EndGather("1");
        Assert.Equal("after", call.Command<SayCommand>().Text);
    }

    [Fact]
    public void A_barge_in_prompt_without_a_following_input_in_a_hand_built_flow_plays_as_plain_talk()
    {
        var call = Outbound(url: null);
        call.State = call.State with
        {
            Flow = new CallFlowDocument([new TalkAction { Text = "orphan", BargeIn = true }]),
        };
        call.Media(new AnsweredEvent { Id = "a", CallId = CallId });
        Assert.Equal("orphan", call.Command<SayCommand>().Text);
    }

    [Fact]
    public void A_synchronous_record_waits_for_the_recording_and_posts_it_to_the_event_url()
    {
        var call = Running("""[{"action":"record","endOnSilence":3,"timeOut":120,"eventUrl":["https://app.example/rec"]},{"action":"talk","text":"thanks"}]""");
        var record = call.Command<RecordCommand>();
        Assert.Equal((1, 120), (record.Channels, record.MaxSeconds));

        call.Media(new RecordingSavedEvent { Id = "rs", CallId = CallId, RecordingId = record.RecordingId, BlobUrl = "https://blob/r1.wav", DurationMs = 4000, Channels = 1, SizeBytes = 64_044 });
        Assert.Equal([VoiceEventTypes.CallRecordingSaved], call.EventTypes);
        var row = call.Effect<SaveRecording>().Recording;
        Assert.Equal((record.RecordingId, CallId, null, "https://blob/r1.wav"), (row.Id, row.CallId, row.ConferenceId, row.BlobUrl));
        Assert.Equal((4000L, 1, 64_044L), (row.DurationMs, row.Channels, row.SizeBytes));
        var webhook = call.Effect<PostWebhook>();
        Assert.Equal(("https://app.example/rec", "POST"), (webhook.Url, webhook.Method));
        Assert.Contains("\"recording_url\":\"https://blob/r1.wav\"", webhook.PayloadJson, StringComparison.Ordinal);
        Assert.Equal("thanks", call.Command<SayCommand>().Text);
    }

    [Fact]
    public void A_background_record_lets_the_flow_go_on_and_is_reported_even_after_hangup()
    {
        var call = Running("""[{"action":"record","split":"conversation","eventUrl":["https://app.example/rec"]},{"action":"talk","text":"recorded"}]""");
        var record = call.Command<RecordCommand>();
        Assert.Equal(2, record.Channels);
        Assert.Equal("recorded", call.Command<SayCommand>().Text);

        call.Hangup();
        Assert.Equal(CallStatus.Completed, call.Status);
        var saved = new RecordingSavedEvent { Id = "rs", CallId = CallId, RecordingId = record.RecordingId, BlobUrl = "https://blob/r.wav" };
        call.Media(saved);
        call.Effect<PostWebhook>();
        Assert.Equal(record.RecordingId, call.Effect<SaveRecording>().Recording.Id);
        Assert.Equal([VoiceEventTypes.CallRecordingSaved], call.EventTypes);
        Assert.Empty(call.Commands);
        Assert.Equal(CallStatus.Completed, call.Status);

        Assert.Empty(call.Media(saved with { Seq = 0 }));
    }

    [Fact]
    public void End_on_key_stops_the_recording_when_that_digit_is_pressed()
    {
        var call = Running("""[{"action":"record","endOnKey":"#"}]""");
        call.Media(new DtmfEvent { Id = "d", CallId = CallId, Digit = "5" });
        Assert.Empty(call.Commands);
        Assert.Equal([VoiceEventTypes.CallDtmfReceived], call.EventTypes);

        call.Media(new DtmfEvent { Id = "d", CallId = CallId, Digit = "#" });
        call.Command<StopRecordCommand>();
    }

    [Fact]
    public void Connect_starts_a_child_leg_bridges_it_on_answer_and_goes_on_when_it_ends()
    {
        var call = Running("""
            [{"action":"connect","timeout":20,"endpoint":[{"type":"phone","number":"447700900001"}],"eventUrl":["https://app.example/leg"]},
             {"action":"talk","text":"The other party hung up"}]
            """);
        var start = call.Effect<StartChildCall>().Start;
        var childId = start.Call.Id;
        Assert.Equal(("+447700900001", "+15550001111", 20, CallId), (start.Call.To, start.Call.From, start.Call.TimeoutSeconds, start.Call.ParentCallId));
        Assert.Equal("https://app.example/leg", start.Call.StatusCallback);

        Assert.Empty(call.Apply(new ChildCallStatusChanged(childId, CallStatus.Ringing)));
        call.Apply(new ChildCallStatusChanged(childId, CallStatus.InProgress));
        Assert.Equal(childId, call.Command<BridgeCommand>().OtherCallId);

        call.Apply(new ChildCallStatusChanged(childId, CallStatus.Completed));
        Assert.Equal("The other party hung up", call.Command<SayCommand>().Text);
    }

    [Fact]
    public void A_failed_child_leg_lets_the_flow_go_on()
    {
        var call = Running("""[{"action":"connect","endpoint":[{"type":"sip","uri":"sip:bob@pbx.example"}]},{"action":"talk","text":"Nobody answered"}]""");
        var childId = call.Effect<StartChildCall>().Start.Call.Id;
        call.Apply(new ChildCallStatusChanged(childId, CallStatus.Busy));
        Assert.Equal("Nobody answered", call.Command<SayCommand>().Text);
    }

    [Fact]
    public void Hanging_up_during_connect_ends_the_child_leg_too()
    {
        var call = Running("""[{"action":"connect","endpoint":[{"type":"sip","uri":"sip:bob@pbx.example"}]}]""");
        var childId = call.Effect<StartChildCall>().Start.Call.Id;
        call.Hangup();
        var signal = call.Effect<SignalCall>();
        Assert.Equal(childId, signal.CallId);
        Assert.IsType<EndRequested>(signal.Signal);
    }

    [Fact]
    public void Conversation_asks_the_conference_to_join_and_the_flow_goes_on_when_it_leaves()
    {
        var call = Running("""
            [{"action":"conversation","name":"room","startOnEnter":false,"endOnExit":true,"record":true,"canSpeak":["coach-me"],"canHear":[],
              "musicOnHoldUrl":["https://cdn.example/moh.wav"]},
             {"action":"talk","text":"The conference ended"}]
            """);
        var signal = call.Effect<SignalConference>();
        Assert.Equal(("acct-1", "room"), (signal.AccountId, signal.ConferenceName));
        var join = Assert.IsType<JoinConference>(signal.Signal);
        Assert.Equal((CallId, false, true, true, false, true, "coach-me"), (join.CallId, join.StartOnEnter, join.EndOnExit, join.Record, join.Muted, join.Deaf, join.CoachCallId));
        Assert.Equal("https://cdn.example/moh.wav", join.MusicOnHoldUrl);
        Assert.Null(join.EventUrl);

        Assert.Empty(call.Apply(new ConferenceLeft("other-room", "ended")));
        call.Apply(new ConferenceLeft("room", "end_on_exit"));
        Assert.Equal("The conference ended", call.Command<SayCommand>().Text);
    }

    [Fact]
    public void A_caller_refused_by_a_full_conference_hears_why_and_is_hung_up()
    {
        var call = Running("""[{"action":"conversation","name":"room"},{"action":"talk","text":"never"}]""");
        call.Apply(new ConferenceJoinRejected("room", "max_participants", "Sorry, this conference is full."));
        Assert.Equal("Sorry, this conference is full.", call.Command<SayCommand>().Text);

        call.EndPlayback();
        Assert.Equal("conference_rejected", call.Command<HangupCommand>().Reason);
        Assert.Equal(CallStatus.Completed, call.Status);
    }

    [Fact]
    public void Hanging_up_inside_a_conference_tells_the_conference()
    {
        var call = Running("""[{"action":"conversation","name":"room"}]""");
        call.Hangup();
        var signal = call.Effect<SignalConference>();
        Assert.Equal(new LeaveConference(CallId, CallEnded: true), signal.Signal);
    }

    [Fact]
    public void Notify_posts_its_payload_and_an_answer_replaces_the_flow()
    {
        var call = Running("""[{"action":"notify","payload":{"step":"menu"},"eventUrl":["https://app.example/n"],"eventMethod":"POST"},{"action":"talk","text":"old"}]""");
        var fetch = call.Effect<FetchCallFlow>();
        Assert.Equal(WebhookPurpose.Notify, fetch.Purpose);
        Assert.Contains("\"payload\":{\"step\":\"menu\"}", fetch.PayloadJson, StringComparison.Ordinal);

        call.Respond("""[{"action":"talk","text":"new"}]""");
        Assert.Equal("new", call.Command<SayCommand>().Text);
    }

    [Fact]
    public void A_media_error_on_the_running_prompt_does_not_stall_the_flow()
    {
        var call = Running("""[{"action":"stream","streamUrl":["https://cdn.example/missing.wav"]},{"action":"talk","text":"next"}]""");
        call.Media(new MediaErrorEvent { Id = "err", CallId = CallId, CommandId = call.State.Waiting!.Ref, Code = "play_failed", Message = "404" });
        Assert.Equal("next", call.Command<SayCommand>().Text);
    }
}
