using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;
using static Voice.Core.Tests.Lifecycles.CallHarness;

namespace Voice.Core.Tests.Lifecycles;

/// <summary>Answering-machine detection: asked for at dial (or transfer), sent to the node on answer, its results as engine events.</summary>
public sealed class MachineDetectionTests
{
    private static CallHarness AnsweredWithDetection(DetectMachine detect)
    {
        var call = Outbound(url: null, answerCommands: [detect]);
        Assert.Empty(call.Commands.OfType<DetectMachineCommand>());
        call.Media(new AnsweredEvent { Id = "a", CallId = CallId, Seq = call.TakeSeq() });
        return call;
    }

    [Fact]
    public void The_detection_goes_to_the_node_on_answer_with_its_mode_and_thresholds()
    {
        var call = AnsweredWithDetection(new DetectMachine { CommandId = "dial:amd", Mode = DetectMachine.GreetingEnd, TotalAnalysisTimeMs = 4000, BeepMinPurity = 0.8 });

        var sent = Assert.Single(call.Commands.OfType<DetectMachineCommand>());
        Assert.Equal((MachineDetectionModes.GreetingEnd, 4000, 0.8), (sent.Mode, sent.TotalAnalysisTimeMs, sent.BeepMinPurity));
        Assert.Null(sent.GreetingDurationMs);
    }

    [Fact]
    public void A_machine_then_its_beep_are_two_events_in_order()
    {
        var call = AnsweredWithDetection(new DetectMachine { CommandId = "dial:amd", Mode = DetectMachine.GreetingEnd });
        var sent = Assert.Single(call.Commands.OfType<DetectMachineCommand>());

        call.Media(new MachineDetectionEndedEvent { Id = "d", CallId = CallId, CommandId = sent.Id, Result = "machine", DurationMs = 2300, Seq = call.TakeSeq() });
        var detected = Assert.Single(call.Effects.OfType<PublishEvent>()).Event;
        Assert.Equal(VoiceEventTypes.CallMachineDetectionEnded, detected.Type);
        Assert.Equal("machine", (string?)detected.Data["result"]);

        call.Media(new MachineGreetingEndedEvent { Id = "g", CallId = CallId, CommandId = sent.Id, Result = "beep_detected", Seq = call.TakeSeq() });
        var greeting = Assert.Single(call.Effects.OfType<PublishEvent>()).Event;
        Assert.Equal(VoiceEventTypes.CallMachineGreetingEnded, greeting.Type);
        Assert.Equal("beep_detected", (string?)greeting.Data["result"]);
        Assert.Empty(call.State.CommandMedia);
    }

    [Fact]
    public void A_human_ends_the_detection()
    {
        var call = AnsweredWithDetection(new DetectMachine { CommandId = "dial:amd" });
        var sent = Assert.Single(call.Commands.OfType<DetectMachineCommand>());

        call.Media(new MachineDetectionEndedEvent { Id = "d", CallId = CallId, CommandId = sent.Id, Result = "human", Seq = call.TakeSeq() });
        Assert.Equal([VoiceEventTypes.CallMachineDetectionEnded], call.EventTypes);
        Assert.Empty(call.State.CommandMedia);
    }

    [Fact]
    public void A_detection_the_node_could_not_run_ends_as_not_sure_with_its_error()
    {
        var call = AnsweredWithDetection(new DetectMachine { CommandId = "dial:amd" });
        var sent = Assert.Single(call.Commands.OfType<DetectMachineCommand>());

        call.Media(new MediaErrorEvent { Id = "e", CallId = CallId, CommandId = sent.Id, Code = "vad_unavailable", Message = "model not found", Seq = call.TakeSeq() });
        var ended = Assert.Single(call.Effects.OfType<PublishEvent>()).Event;
        Assert.Equal(VoiceEventTypes.CallMachineDetectionEnded, ended.Type);
        Assert.Equal(("not_sure", "model not found"), ((string?)ended.Data["result"], (string?)ended.Data["error"]));
    }

    [Fact]
    public void A_transfer_with_detection_starts_a_leg_that_detects_on_answer()
    {
        var call = ParkedAndAnswered();
        var detect = new DetectMachine { CommandId = "t1:answering_machine_detection", Mode = DetectMachine.DetectBeep };
        call.Command(new TransferCall { CommandId = "t1", To = "+15550003333", MachineDetection = detect });

        var child = call.Effect<StartChildCall>().Start;
        Assert.Equal(detect, Assert.Single(Assert.IsType<StartOutboundCall>(child).AnswerCommands));
    }
}
