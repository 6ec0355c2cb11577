using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;
using static Voice.Core.Tests.Lifecycles.CallHarness;

namespace Voice.Core.Tests.Lifecycles;

public sealed class CallTransferEventsTests
{
    [Fact]
    public void Refer_sends_the_node_a_refer_and_reports_started_then_completed_but_not_provisional_notifies()
    {
        var call = ParkedAndAnswered();
        call.Command(new ReferCall
        {
            CommandId = "r1",
            SipAddress = "sip:carol@192.0.2.7",
            TargetHeaders = new Dictionary<string, string> { ["User-to-User"] = "00ff" },
            Headers = new Dictionary<string, string> { ["X-Why"] = "sales" },
        });
        var refer = call.Command<ReferCommand>();
        Assert.Equal(("sip:carol@192.0.2.7", "00ff", "sales"), (refer.Target, refer.TargetHeaders!["User-to-User"], refer.Headers!["X-Why"]));

        var published = new List<PublishEvent>();
        published.AddRange(call.Media(new ReferProgressEvent { Id = "p1", CallId = CallId, CommandId = refer.Id, Status = 202 }).OfType<PublishEvent>());
        published.AddRange(call.Media(new ReferProgressEvent { Id = "p2", CallId = CallId, CommandId = refer.Id, Status = 180, Sipfrag = "SIP/2.0 180 Ringing" }).OfType<PublishEvent>());
        published.AddRange(call.Media(new ReferProgressEvent { Id = "p3", CallId = CallId, CommandId = refer.Id, Status = 200, Final = true, Result = "succeeded", Sipfrag = "SIP/2.0 200 OK" }).OfType<PublishEvent>());

        Assert.Equal([VoiceEventTypes.CallReferStarted, VoiceEventTypes.CallReferCompleted], published.Select(p => p.Event.Type));
        Assert.Equal(200, (int?)published[^1].Event.Data["sip_notify_response"]);
    }

    [Theory]
    [InlineData("refused", 603, 603)]
    [InlineData("failed", 486, 486)]
    [InlineData("timeout", 0, null)]
    [InlineData("call_ended", 100, 100)]
    public void Every_other_end_of_a_refer_is_failed_with_the_status_it_had(string result, int status, int? reported)
    {
        var call = ParkedAndAnswered();
        call.Command(new ReferCall { CommandId = "r1", SipAddress = "sip:carol@192.0.2.7" });
        var refer = call.Command<ReferCommand>();

        call.Media(new ReferProgressEvent { Id = "p", CallId = CallId, CommandId = refer.Id, Status = status, Final = true, Result = result });

        var failed = call.Effects.OfType<PublishEvent>().Last().Event;
        Assert.Equal(VoiceEventTypes.CallReferFailed, failed.Type);
        Assert.Equal(reported, (int?)failed.Data["sip_notify_response"]);
        Assert.Equal(result, (string?)failed.Data["result"]);
    }

    [Fact]
    public void The_end_of_a_refer_is_reported_even_after_the_transferee_hung_up()
    {
        var call = ParkedAndAnswered();
        call.Command(new ReferCall { CommandId = "r1", SipAddress = "sip:carol@192.0.2.7" });
        var refer = call.Command<ReferCommand>();

        call.Media(new HangupEvent { Id = "h", CallId = CallId, Cause = "normal" });
        Assert.Contains(VoiceEventTypes.CallCompleted, call.EventTypes);
        call.Media(new ReferProgressEvent { Id = "p", CallId = CallId, CommandId = refer.Id, Status = 200, Final = true, Result = "succeeded" });

        Assert.Equal([VoiceEventTypes.CallReferCompleted], call.EventTypes);
    }

    [Fact]
    public void Sip_info_is_sent_and_a_received_one_is_reported()
    {
        var call = ParkedAndAnswered();
        call.Command(new SendSipInfo { CommandId = "i1", ContentType = "application/json", Body = "{}" });
        var info = call.Command<SendSipInfoCommand>();
        Assert.Equal(("application/json", "{}"), (info.ContentType, info.Body));

        call.Media(new SipInfoReceivedEvent { Id = "i", CallId = CallId, ContentType = "application/dtmf-relay", Body = "Signal=1" });

        var received = call.Effects.OfType<PublishEvent>().Last().Event;
        Assert.Equal(VoiceEventTypes.CallSipInfoReceived, received.Type);
        Assert.Equal(("application/dtmf-relay", "Signal=1"), ((string?)received.Data["content_type"], (string?)received.Data["body"]));
    }

    [Fact]
    public void Refer_before_answer_is_dropped_and_reported()
    {
        var call = Parked();
        call.Command(new ReferCall { CommandId = "r1", SipAddress = "sip:carol@192.0.2.7" });

        Assert.Empty(call.Commands);
        Assert.Contains(VoiceEventTypes.CallCommandFailed, call.EventTypes);
    }
}
