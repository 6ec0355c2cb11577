using System.Net;
using Voice.Media.Contracts;
using Voice.MediaNode.Calls;
using Voice.MediaNode.Tests.Fuzz;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Host;

/// <summary>Calls between the node and a real baresip, commands and events through Azurite.</summary>
public sealed class CallTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string NewId() => Guid.NewGuid().ToString("N");

    private static DialCommand Dial(string to, int timeout = 15) =>
        new() { Id = NewId(), CallId = "call-" + NewId(), To = to, From = "+15550100", TimeoutSeconds = timeout };

    [Fact]
    public async Task Outbound_call_answered_by_baresip_reports_answered_and_our_hangup_is_local()
    {
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite);
        var callId = await node.AnsweredCallAsync(peer);

        await node.SendAsync(new HangupCommand { Id = NewId(), CallId = callId });

        var hangup = Assert.IsType<HangupEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == callId && e is HangupEvent, 1)));
        Assert.Equal(("normal", "local"), (hangup.Cause, hangup.Side));
        await peer.EventAsync("CALL_CLOSED");
        var all = await node.EventsAsync(e => e.CallId == callId, 3);
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Seq).Order());
    }

    [Fact]
    public async Task A_phone_that_goes_silent_mid_call_is_hung_up_with_media_timeout()
    {
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite, [new("MediaNode:Media:InactivityTimeoutSeconds", "3")]);
        var callId = await node.AnsweredCallAsync(peer);

        // While the phone sends RTP the call outlives the timeout.
        Assert.Empty(await node.EventsAsync(e => e.CallId == callId && e is HangupEvent, 1, seconds: 5));
        await peer.FreezeAsync();

        var hangup = Assert.IsType<HangupEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == callId && e is HangupEvent, 1)));
        Assert.Equal(("media_timeout", "local"), (hangup.Cause, hangup.Side));

        // The BYE is retransmitted until answered (timer F, 32 s): the thawed phone receives it and closes the call.
        await peer.ThawAsync();
        await peer.EventAsync("CALL_CLOSED");
    }

    [Fact]
    public async Task A_phone_that_holds_the_call_may_stay_silent_and_after_resuming_must_not()
    {
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite, [new("MediaNode:Media:InactivityTimeoutSeconds", "3")]);
        var callId = await node.AnsweredCallAsync(peer);

        // baresip's hold is a re-INVITE with a=sendonly; once the node's answer is back, a frozen phone is a held one.
        await ReinviteAnsweredAsync(peer, "hold");
        await peer.FreezeAsync();
        Assert.Empty(await node.EventsAsync(e => e.CallId == callId && e is HangupEvent, 1, seconds: 6));

        await peer.ThawAsync();
        await ReinviteAnsweredAsync(peer, "resume");
        await peer.FreezeAsync();
        var hangup = Assert.IsType<HangupEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == callId && e is HangupEvent, 1)));
        Assert.Equal("media_timeout", hangup.Cause);
    }

    // baresip 1.0 reports no hold event; each SDP answer it receives is a CALL_REMOTE_SDP (the first came with the call).
    private static async Task ReinviteAnsweredAsync(Baresip peer, string command)
    {
        var before = peer.SeenTypes.Count(t => t == "CALL_REMOTE_SDP");
        await peer.CommandAsync(command);
        await Eventually.HoldsAsync(() => peer.SeenTypes.Count(t => t == "CALL_REMOTE_SDP") > before, "baresip received the answer to its re-INVITE");
    }

    [Fact]
    public async Task Hangup_from_baresip_is_reported_as_remote()
    {
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite);
        var callId = await node.AnsweredCallAsync(peer);

        await peer.CommandAsync("hangup");

        var hangup = Assert.IsType<HangupEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == callId && e is HangupEvent, 1)));
        Assert.Equal(("normal", "remote"), (hangup.Cause, hangup.Side));
    }

    [Fact]
    public async Task Our_hangup_while_ringing_cancels_the_call()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        await using var peer = await Baresip.StartAsync(answerMode: "manual");
        var dial = Dial(peer.Uri);

        await node.SendAsync(dial);
        await node.EventsAsync(e => e.CallId == dial.CallId && e is RingingEvent, 1);
        await node.SendAsync(new HangupCommand { Id = NewId(), CallId = dial.CallId });

        var hangup = Assert.IsType<HangupEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == dial.CallId && e is HangupEvent, 1)));
        Assert.Equal(("canceled", "local"), (hangup.Cause, hangup.Side));
        await peer.EventAsync("CALL_CLOSED");
    }

    [Fact]
    public async Task Baresip_refusing_a_ringing_call_is_reported_with_its_sip_code()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        await using var peer = await Baresip.StartAsync(answerMode: "manual");
        var dial = Dial(peer.Uri);

        await node.SendAsync(dial);
        await node.EventsAsync(e => e.CallId == dial.CallId && e is RingingEvent, 1);
        await peer.EventAsync("CALL_INCOMING");
        await peer.CommandAsync("hangup");

        var hangup = Assert.IsType<HangupEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == dial.CallId && e is HangupEvent, 1)));
        Assert.Equal("remote", hangup.Side);
        Assert.Contains((hangup.Cause, hangup.SipCode), new (string, int?)[] { ("busy", 486), ("rejected", 603) });
    }

    [Fact]
    public async Task Unanswered_call_ends_with_no_answer_at_the_dial_timeout()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        await using var peer = await Baresip.StartAsync(answerMode: "manual");
        var dial = Dial(peer.Uri, timeout: 2);

        await node.SendAsync(dial);

        var hangup = Assert.IsType<HangupEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == dial.CallId && e is HangupEvent, 1)));
        Assert.Equal("no_answer", hangup.Cause);
        Assert.Single(await node.EventsAsync(e => e.CallId == dial.CallId && e is RingingEvent, 1));
        await peer.EventAsync("CALL_CLOSED");
    }

    [Fact]
    public async Task Inbound_call_is_offered_and_answered_on_command()
    {
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite);

        await peer.CommandAsync("dial", $"sip:+4930123456@127.0.0.1:{node.SipPort}");
        var incoming = Assert.IsType<IncomingCallEvent>(Assert.Single(await node.EventsAsync(e => e is IncomingCallEvent, 1)));
        Assert.Contains("+4930123456", incoming.To, StringComparison.Ordinal);
        Assert.Contains("bob", incoming.From, StringComparison.Ordinal);
        await peer.EventAsync("CALL_RINGING");
        await node.SendAsync(new AnswerCommand { Id = NewId(), CallId = incoming.CallId });

        await peer.EventAsync("CALL_ESTABLISHED");
        await node.EventsAsync(e => e.CallId == incoming.CallId && e is AnsweredEvent, 1);
        Assert.Equal(1, (await node.HealthAsync()).GetProperty("active_calls").GetInt32());
    }

    [Fact]
    public async Task Stopping_the_node_hangs_up_live_calls_with_cause_shutdown()
    {
        await using var peer = await Baresip.StartAsync();
        var node = await RunningNode.StartAsync(azurite);
        var callId = await node.AnsweredCallAsync(peer);

        await node.StopAsync();

        await peer.EventAsync("CALL_CLOSED");
        var hangup = Assert.IsType<HangupEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == callId && e is HangupEvent, 1)));
        Assert.Equal(("shutdown", "local"), (hangup.Cause, hangup.Side));
        await node.DisposeAsync();
    }

    [Fact]
    public async Task Dial_is_refused_with_no_capacity_when_every_rtp_port_pair_is_in_use()
    {
        await using var peer = await Baresip.StartAsync(answerMode: "manual");
        var rtp = FreePorts.NextBlock(2);
        await using var node = await RunningNode.StartAsync(azurite, [new("MediaNode:Rtp:PortMin", rtp.ToString()), new("MediaNode:Rtp:PortMax", (rtp + 1).ToString())]);
        var first = Dial(peer.Uri);
        var second = Dial(peer.Uri);

        await node.SendAsync(first);
        await node.EventsAsync(e => e.CallId == first.CallId && e is RingingEvent, 1);
        await node.SendAsync(second);

        var error = Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == second.CallId, 1)));
        Assert.Equal(CallRegistry.NoCapacity, error.Code);
        await node.SendAsync(new HangupCommand { Id = NewId(), CallId = first.CallId });
        await node.EventsAsync(e => e.CallId == first.CallId && e is HangupEvent, 1);
    }

    [Fact]
    public async Task Inbound_invite_while_every_rtp_port_pair_is_in_use_gets_503_without_ringing()
    {
        var rtp = FreePorts.NextBlock(2);
        await using var node = await RunningNode.StartAsync(azurite, [new("MediaNode:Rtp:PortMin", rtp.ToString()), new("MediaNode:Rtp:PortMax", (rtp + 1).ToString())]);
        await using var caller = new FuzzSocket();
        var requests = new SipSeedMessages(node.SipPort, caller.LocalEndPoint.Port, rtpSinkPort: 4000);
        var nodeSip = new IPEndPoint(IPAddress.Loopback, node.SipPort);
        var (first, second) = ("first-" + NewId(), "second-" + NewId());

        caller.Send(requests.Request("INVITE", first), nodeSip);
        Assert.Equal(180, await caller.ResponseAsync(first, s => s == 180));
        var ringing = Assert.Single(await node.EventsAsync(e => e is IncomingCallEvent, 1));
        caller.Send(requests.Request("INVITE", second), nodeSip);

        Assert.Equal(503, await caller.ResponseAsync(second, s => s >= 200));
        Assert.DoesNotContain(180, caller.StatusesFor(second));
        await node.SendAsync(new RejectCommand { Id = NewId(), CallId = ringing.CallId });
        Assert.Single(await node.EventsAsync(e => e.CallId == ringing.CallId && e is HangupEvent, 1));
    }
}
