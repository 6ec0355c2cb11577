using Voice.Core.CallFlow;
using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;
using static Voice.Core.Tests.Lifecycles.CallHarness;

namespace Voice.Core.Tests.Lifecycles;

/// <summary>The commands Vonage's live-call API introduced: transfer to a new flow, DTMF subscriptions, mute/earmuff, wait.</summary>
public sealed class CallFlowTransferTests
{
    [Fact]
    public void A_transfer_with_an_inline_flow_stops_the_running_prompt_and_runs_the_new_flow()
    {
        var call = Running("""[{"action":"talk","text":"first flow"},{"action":"talk","text":"never"}]""");
        var firstSay = call.Command<SayCommand>();

        call.Command(new ReplaceCallFlow { CommandId = "t1", Flow = Flow("""[{"action":"talk","text":"second flow"}]""") });

        Assert.Single(call.Commands.OfType<StopMediaCommand>());
        Assert.Equal("second flow", call.Command<SayCommand>().Text);
        Assert.Contains(VoiceEventTypes.CallFlowTransferred, call.EventTypes);

        // The stopped prompt's end does not move the new flow on; the new prompt's does, and the call ends after it.
        call.Media(new PlaybackEndedEvent { Id = "old", CallId = CallId, CommandId = firstSay.Id, Reason = "stopped" });
        Assert.Equal(CallStatus.InProgress, call.Status);
        call.EndPlayback();
        Assert.Equal(CallStatus.Completed, call.Status);
    }

    [Fact]
    public void A_transfer_to_a_url_fetches_it_as_an_answer_webhook_and_ignores_the_old_fetch()
    {
        var call = Running("""[{"action":"input","type":["dtmf"],"eventUrl":["https://app.example/input"]}]""");
        call.EndGather("1");
        var oldFetch = call.State.Fetch!;

        call.Command(new ReplaceCallFlow { CommandId = "t1", Url = "https://app.example/next", Method = "POST" });

        var fetch = call.Effect<FetchCallFlow>();
        Assert.Equal(("https://app.example/next", "POST", WebhookPurpose.Answer), (fetch.Url, fetch.Method, fetch.Purpose));
        Assert.Empty(call.Apply(new CallFlowFetched(oldFetch.RequestId, oldFetch.Attempt, """[{"action":"talk","text":"late"}]""")).OfType<SendMediaCommand>());
        call.Respond("""[{"action":"talk","text":"from next"}]""");
        Assert.Equal("from next", call.Command<SayCommand>().Text);
    }

    [Fact]
    public void A_transfer_out_of_a_conversation_leaves_the_conference()
    {
        var call = Running("""[{"action":"conversation","name":"room"}]""");

        call.Command(new ReplaceCallFlow { CommandId = "t1", Flow = Flow("""[{"action":"talk","text":"bye"}]""") });

        var leave = Assert.Single(call.Effects.OfType<SignalConference>());
        Assert.IsType<LeaveConference>(leave.Signal);
        Assert.Null(call.State.ConferenceName);
    }

    [Fact]
    public void A_dtmf_subscription_posts_each_digit_until_it_is_stopped()
    {
        var call = Running("""[{"action":"conversation","name":"room"}]""");
        call.Command(new SubscribeDtmf { CommandId = "s1", Target = new WebhookTarget("https://app.example/digits", "POST") });

        call.Media(new DtmfEvent { Id = "d1", CallId = CallId, Digit = "5" });
        var posted = call.Effect<PostWebhook>();
        Assert.Equal("https://app.example/digits", posted.Url);
        Assert.Contains("\"digits\":\"5\"", posted.PayloadJson, StringComparison.Ordinal);
        Assert.Contains("\"timed_out\":false", posted.PayloadJson, StringComparison.Ordinal);

        call.Command(new SubscribeDtmf { CommandId = "s2" });
        call.Media(new DtmfEvent { Id = "d2", CallId = CallId, Digit = "6" });
        Assert.Empty(call.Effects.OfType<PostWebhook>());
    }

    [Fact]
    public void Mute_and_earmuff_become_the_node_s_call_audio_switches()
    {
        var call = Running("""[{"action":"conversation","name":"room"}]""");

        call.Command(new SetCallAudio { CommandId = "m1", Muted = true });
        var mute = call.Command<SetCallAudioCommand>();
        Assert.Equal((true, (bool?)null), (mute.Muted, mute.Deaf));
        call.Command(new SetCallAudio { CommandId = "m2", Deaf = false });
        Assert.Equal(((bool?)null, false), (call.Command<SetCallAudioCommand>().Muted, call.Command<SetCallAudioCommand>().Deaf));
    }

    [Fact]
    public void Audio_switches_on_a_call_not_answered_yet_are_refused()
    {
        var call = Outbound();
        call.Command(new SetCallAudio { CommandId = "m1", Muted = true });
        Assert.Empty(call.Commands);
        Assert.Contains(VoiceEventTypes.CallCommandFailed, call.EventTypes);
    }

    [Fact]
    public void A_wait_action_pauses_the_flow_until_its_timer_fires()
    {
        var call = Running("""[{"action":"wait","timeout":2.5},{"action":"talk","text":"after the wait"}]""");
        var timer = call.Effect<StartTimer>();
        Assert.Equal(T0.AddSeconds(2.5), timer.DueAt);
        Assert.Empty(call.Commands);

        call.Advance(TimeSpan.FromSeconds(2.5));
        call.Apply(new TimerFired(timer.TimerId));
        Assert.Equal("after the wait", call.Command<SayCommand>().Text);
    }

    [Fact]
    public void A_transfer_during_a_wait_cancels_its_timer()
    {
        var call = Running("""[{"action":"wait","timeout":30}]""");
        var timer = call.Effect<StartTimer>();

        call.Command(new ReplaceCallFlow { CommandId = "t1", Flow = Flow("""[{"action":"talk","text":"now"}]""") });

        Assert.Equal(timer.TimerId, call.Effects.OfType<CancelTimer>().Single().TimerId);
        Assert.Empty(call.Apply(new TimerFired(timer.TimerId)).OfType<SendMediaCommand>());
    }

    [Fact]
    public void Machine_detection_with_hangup_ends_a_call_a_machine_answered()
    {
        var call = Running("""[{"action":"conversation","name":"room"}]""");
        call.Command(new DetectMachine { CommandId = "d1", HangupOnMachine = true });
        var detect = call.Command<DetectMachineCommand>();

        call.Media(new MachineDetectionEndedEvent { Id = "m", CallId = CallId, CommandId = detect.Id, Result = MachineDetectionModes.Machine, DurationMs = 1200 });

        Assert.Contains(VoiceEventTypes.CallMachineDetectionEnded, call.EventTypes);
        Assert.Single(call.Commands.OfType<HangupCommand>());
        Assert.Equal(CallStatus.Completed, call.Status);
    }

    [Fact]
    public void A_connect_plays_its_ringback_until_the_leg_answers_and_gives_the_leg_its_answer_commands()
    {
        var call = Running("""[{"action":"connect","endpoint":[{"type":"phone","number":"447700900001","dtmfAnswer":"42"}],"ringbackTone":"https://cdn.example/ring.wav","machineDetection":"hangup"}]""");
        var child = call.Effect<StartChildCall>().Start;
        var ringback = call.Command<PlayCommand>();
        Assert.Equal(("https://cdn.example/ring.wav", 0), (ringback.Url, ringback.Loop));
        Assert.Collection(
            child.AnswerCommands,
            c => Assert.True(Assert.IsType<DetectMachine>(c).HangupOnMachine),
            c => Assert.Equal("42", Assert.IsType<SendDigits>(c).Digits));

        call.Apply(new ChildCallStatusChanged(child.Call.Id, CallStatus.InProgress));

        Assert.Single(call.Commands.OfType<StopMediaCommand>());
        Assert.Single(call.Commands.OfType<BridgeCommand>());
        Assert.Null(call.State.RingbackCommandId);
    }
}
