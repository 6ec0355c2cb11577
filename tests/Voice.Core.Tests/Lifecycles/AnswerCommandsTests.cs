using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;
using static Voice.Core.Tests.Lifecycles.CallHarness;

namespace Voice.Core.Tests.Lifecycles;

/// <summary>A dial's commands for the answer (Telnyx's audio_url and bridge_on_answer) run once, when the callee answers.</summary>
public sealed class AnswerCommandsTests
{
    [Fact]
    public void The_dials_commands_wait_for_the_answer_then_run_in_order_once()
    {
        var call = Outbound(url: null, answerCommands:
        [
            new BridgeCalls { CommandId = "dial:bridge", OtherCallId = "linked" },
            new PlayAudio { CommandId = "dial:audio", Url = "https://app.example/hello.wav" },
        ]);
        Assert.Empty(call.Commands.OfType<BridgeCommand>());
        Assert.Empty(call.Commands.OfType<PlayCommand>());

        call.Media(new AnsweredEvent { Id = "a", CallId = CallId, Seq = call.TakeSeq() });
        Assert.Equal("linked", Assert.Single(call.Commands.OfType<BridgeCommand>()).OtherCallId);
        var play = Assert.Single(call.Commands.OfType<PlayCommand>());
        Assert.Equal("https://app.example/hello.wav", play.Url);
        Assert.Equal("linked", call.Effect<SignalCall>().CallId);
        Assert.Contains(VoiceEventTypes.CallBridged, call.EventTypes);
        Assert.Empty(call.State.AnswerCommands);

        call.Media(new PlaybackEndedEvent { Id = "p", CallId = CallId, CommandId = play.Id, Seq = call.TakeSeq() });
        Assert.Equal([VoiceEventTypes.CallPlaybackEnded], call.EventTypes);
    }

    [Fact]
    public void The_dials_extension_headers_go_into_its_dial_command()
    {
        var start = new StartOutboundCall
        {
            Call = Outbound().State.Call with { Status = Voice.Core.Calls.CallStatus.Queued },
            DialHeaders = new Dictionary<string, string> { ["X-Trace-Id"] = "abc" },
        };
        var (_, effects) = CallLifecycle.Instance.Start(start, T0);
        var dial = Assert.Single(effects.OfType<SendMediaCommand>().Select(e => e.Command).OfType<DialCommand>());
        Assert.Equal("abc", dial.Headers!["X-Trace-Id"]);
    }

    [Fact]
    public void A_call_that_is_never_answered_runs_none_of_them()
    {
        var call = Outbound(url: null, answerCommands: [new PlayAudio { CommandId = "dial:audio", Url = "https://app.example/a.wav" }]);
        call.Media(new HangupEvent { Id = "h", CallId = CallId, Cause = "busy", Seq = call.TakeSeq() });
        Assert.Empty(call.Commands.OfType<PlayCommand>());
    }
}
