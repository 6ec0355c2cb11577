using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;
using static Voice.Core.Tests.Lifecycles.CallHarness;

namespace Voice.Core.Tests.Lifecycles;

/// <summary>WebSocket media streams: a live command (Telnyx streaming_start), a call-flow stream action, and their events.</summary>
public sealed class CallStreamingTests
{
    [Fact]
    public void A_stream_command_sends_start_stream_and_reports_started_then_stopped()
    {
        var call = Outbound(url: null);
        call.Media(new AnsweredEvent { Id = "a", CallId = CallId, Seq = call.TakeSeq() });
        call.Command(new StartStreaming
        {
            CommandId = "c1",
            StreamId = "s-1",
            Url = "wss://ai.example/s",
            Track = "both",
            Bidirectional = true,
            Fields = new Dictionary<string, string> { ["call_control_id"] = "v3:x" },
        });
        var start = call.Command<StartStreamCommand>();
        Assert.Equal(("s-1", "wss://ai.example/s", "both", true, "telnyx"), (start.StreamId, start.Url, start.Track, start.Bidirectional, start.Framing));
        Assert.Equal("v3:x", start.Fields!["call_control_id"]);

        call.Media(new StreamStartedEvent { Id = "e1", CallId = CallId, CommandId = start.Id, StreamId = "s-1", Url = start.Url, Seq = call.TakeSeq() });
        Assert.Equal([VoiceEventTypes.CallStreamingStarted], call.EventTypes);
        call.Command(new StopStreaming { CommandId = "c2", StreamId = "s-1" });
        Assert.Equal("s-1", call.Command<StopStreamCommand>().StreamId);
        call.Media(new StreamStoppedEvent { Id = "e2", CallId = CallId, StreamId = "s-1", Url = start.Url, Reason = "stopped", DroppedFrames = 3, Seq = call.TakeSeq() });
        var stopped = Assert.Single(call.Effects.OfType<PublishEvent>()).Event;
        Assert.Equal(VoiceEventTypes.CallStreamingStopped, stopped.Type);
        Assert.Equal(3, (long)stopped.Data["dropped_frames"]!);
    }

    [Fact]
    public void A_stream_before_answer_is_refused_and_a_stream_stopped_after_hangup_is_still_reported()
    {
        var call = Outbound(url: null);
        Assert.Equal(CommandRefusal.NotAnswered, CallCommandRules.Check(call.State.Call, new StartStreaming { CommandId = "c", StreamId = "s", Url = "ws://x" }));

        call.Media(new AnsweredEvent { Id = "a", CallId = CallId, Seq = call.TakeSeq() });
        call.Command(new StartStreaming { CommandId = "c1", StreamId = "s-1", Url = "ws://127.0.0.1:1/s" });
        call.Hangup();
        Assert.True(call.Status.IsTerminal());
        call.Media(new StreamStoppedEvent { Id = "e", CallId = CallId, StreamId = "s-1", Url = "ws://127.0.0.1:1/s", Reason = "hangup", Seq = call.TakeSeq() });

        Assert.Equal([VoiceEventTypes.CallStreamingStopped], call.EventTypes);
    }

    [Fact]
    public void Answer_with_a_stream_starts_it_once_the_call_is_answered()
    {
        var call = Parked();
        call.Command(new AnswerCall { CommandId = "a1", Then = [new StartStreaming { CommandId = "a1:stream", StreamId = "s-9", Url = "ws://h/s" }] });
        Assert.Empty(call.Commands.OfType<StartStreamCommand>());

        call.Media(new AnsweredEvent { Id = "a", CallId = CallId, Seq = call.TakeSeq() });

        Assert.Equal("s-9", call.Command<StartStreamCommand>().StreamId);
    }

    [Fact]
    public void A_flow_stream_to_a_websocket_waits_for_its_end_then_goes_on()
    {
        var call = Running("""
            [{"action":"stream","streamUrl":["wss://bot.example/ws"],"contentType":"audio/l16;rate=8000","headers":{"caller":"alice"}},
             {"action":"talk","text":"after the bot"}]
            """);
        var start = call.Command<StartStreamCommand>();
        Assert.Equal(("vonage", "L16", 8000, true), (start.Framing, start.Codec, start.SampleRate, start.Bidirectional));
        Assert.Equal("alice", start.Fields!["caller"]);
        Assert.Empty(call.Commands.OfType<SayCommand>());

        call.Media(new StreamStartedEvent { Id = "e1", CallId = CallId, StreamId = start.StreamId, Url = start.Url, Seq = call.TakeSeq() });
        Assert.Empty(call.Commands.OfType<SayCommand>());
        call.Media(new StreamStoppedEvent { Id = "e2", CallId = CallId, StreamId = start.StreamId, Url = start.Url, Reason = "closed_by_peer", Seq = call.TakeSeq() });

        Assert.Equal("after the bot", call.Command<SayCommand>().Text);
    }

    [Fact]
    public void A_flow_stream_that_fails_goes_on_too()
    {
        var call = Running("""[{"action":"stream","streamUrl":"ws://127.0.0.1:9/x"},{"action":"talk","text":"fallback"}]""");
        var start = call.Command<StartStreamCommand>();
        call.Media(new StreamFailedEvent { Id = "e", CallId = CallId, StreamId = start.StreamId, Url = start.Url, Reason = "cannot connect", Seq = call.TakeSeq() });

        Assert.Equal(VoiceEventTypes.CallStreamingFailed, call.EventTypes[0]);
        Assert.Equal("fallback", call.Command<SayCommand>().Text);
    }
}
