using Voice.Core.Calls;
using Voice.Core.Conferences;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;

namespace Voice.Core.Tests.Lifecycles;

/// <summary>Call and conference lifecycles working together through a host that follows the loop contract.</summary>
public sealed class CallsEndToEndTests
{
    private static StartInboundCall Incoming(string callId, string answerUrl) => new()
    {
        Incoming = new IncomingCallEvent { Id = "in-" + callId, CallId = callId, Seq = 1, From = "+1555000" + callId.Length, To = "+15550009999" },
        AccountId = "acct",
        AnswerUrl = answerUrl,
    };

    [Fact]
    public void A_moderated_conference_fills_refuses_the_extra_caller_and_ends_when_the_moderator_leaves()
    {
        var network = new LifecycleNetwork { MaxParticipants = 2 };
        network.Webhooks["https://app.example/moderator"] = """[{"action":"conversation","name":"room","endOnExit":true}]""";
        network.Webhooks["https://app.example/guest"] = """
            [{"action":"talk","text":"Welcome"},
             {"action":"conversation","name":"room","startOnEnter":false,"musicOnHoldUrl":["https://cdn.example/hold.wav"]},
             {"action":"talk","text":"The meeting is over"}]
            """;

        network.Start(Incoming("guest", "https://app.example/guest"));
        Assert.Contains(network.Commands, c => c is PlayCommand { CallId: "guest", Loop: 0 });
        network.Start(Incoming("moderator", "https://app.example/moderator"));
        network.Start(Incoming("late", "https://app.example/guest"));

        var conference = Assert.Single(network.Conferences.Values);
        Assert.Equal((ConferenceStatus.InProgress, 2), (conference.Conference.Status, conference.Conference.ParticipantCount));
        Assert.Contains(network.Commands, c => c is JoinConferenceCommand { CallId: "guest" });
        Assert.Contains(network.Commands, c => c is SayCommand { CallId: "late", Text: ConferenceLifecycle.FullMessage });
        Assert.Equal(CallStatus.Completed, network.Calls["late"].Call.Status);
        Assert.Contains(network.Effects, e => e is PublishEvent { Event.Type: VoiceEventTypes.ConferenceParticipantRejected });

        network.NodeEvent(new HangupEvent { Id = "bye", CallId = "moderator", Cause = "normal" });

        Assert.Equal(ConferenceStatus.Completed, network.Conferences.Values.Single().Conference.Status);
        Assert.Contains(network.Commands, c => c is SayCommand { CallId: "guest", Text: "The meeting is over" });
        Assert.All(network.Calls.Values, c => Assert.Equal(CallStatus.Completed, c.Call.Status));
    }

    [Fact]
    public void Connect_bridges_a_new_leg_and_the_caller_flow_continues_when_that_leg_hangs_up()
    {
        var network = new LifecycleNetwork();
        network.Webhooks["https://app.example/answer"] = """
            [{"action":"connect","endpoint":[{"type":"sip","uri":"sip:bob@pbx.example"}]},
             {"action":"talk","text":"Bob has left"}]
            """;
        network.Start(Incoming("caller", "https://app.example/answer"));

        var child = Assert.Single(network.Calls.Values, c => c.Call.ParentCallId == "caller");
        Assert.Equal(CallStatus.InProgress, child.Call.Status);
        var bridge = Assert.Single(network.Commands.OfType<BridgeCommand>());
        Assert.Equal(("caller", child.Call.Id), (bridge.CallId, bridge.OtherCallId));

        network.NodeEvent(new HangupEvent { Id = "bye", CallId = child.Call.Id, Cause = "normal" });

        Assert.Contains(network.Commands, c => c is SayCommand { CallId: "caller", Text: "Bob has left" });
        Assert.Equal(CallStatus.Completed, network.Calls["caller"].Call.Status);
        Assert.Equal(CallStatus.Completed, network.Calls[child.Call.Id].Call.Status);
    }

    [Fact]
    public void When_the_caller_hangs_up_during_connect_the_other_leg_is_ended_too()
    {
        var network = new LifecycleNetwork();
        network.Webhooks["https://app.example/answer"] = """[{"action":"connect","endpoint":[{"type":"phone","number":"15550001234"}]}]""";
        network.Start(Incoming("caller", "https://app.example/answer"));
        var childId = network.Calls.Values.Single(c => c.Call.ParentCallId == "caller").Call.Id;

        network.NodeEvent(new HangupEvent { Id = "bye", CallId = "caller", Cause = "normal" });

        Assert.Equal(CallStatus.Completed, network.Calls[childId].Call.Status);
        Assert.Contains(network.Commands, c => c is HangupCommand { Reason: "end_requested" } && c.CallId == childId);
    }
}
