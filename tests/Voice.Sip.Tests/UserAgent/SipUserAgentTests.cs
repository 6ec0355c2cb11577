using Voice.Sip.Messages;
using Voice.Sip.Sdp;
using Voice.Sip.Transport;
using Voice.Sip.UserAgent;

namespace Voice.Sip.Tests.UserAgent;

public sealed class SipUserAgentTests : IAsyncLifetime
{
    private SipUserAgent alice = null!;
    private SipUserAgent bob = null!;

    public Task InitializeAsync()
    {
        alice = UserAgents.Start();
        bob = UserAgents.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await alice.DisposeAsync();
        await bob.DisposeAsync();
    }

    private async Task<(SipCall Caller, SipCall Callee)> RingingCallAsync(SipOutboundCall? spec = null)
    {
        var caller = await alice.PlaceCallAsync(spec ?? UserAgents.CallTo(bob));
        var callee = await SipTestMessages.Within(bob.IncomingCalls.ReadAsync().AsTask());
        return (caller, callee);
    }

    [Fact]
    public async Task Answered_call_agrees_audio_and_the_callers_bye_ends_it_on_both_sides()
    {
        var (caller, callee) = await RingingCallAsync();
        Assert.Equal("PCMU", callee.RemoteOffer!.Media[0].RtpMap(0)!.Value.EncodingName);

        Assert.True(await callee.AnswerAsync(UserAgents.Media(41000)));
        Assert.True(await SipTestMessages.Within(caller.Answered));
        Assert.Equal(41000, caller.Audio!.RemotePort);
        Assert.Equal(101, caller.Audio.TelephoneEventPayloadType);
        Assert.Equal(SipCallState.Established, callee.State);

        await caller.HangupAsync();

        Assert.Equal(SipCallEndReason.RemoteHangup, await SipTestMessages.Within(callee.Ended));
        Assert.Equal(SipCallEndReason.LocalHangup, caller.EndReason);
        var events = await UserAgents.DrainAsync(caller);
        Assert.Contains(events, e => e is SipCallProgressed { StatusCode: 180 });
        Assert.IsType<SipCallEnded>(events[^1]);
        await SipTestMessages.Eventually(() => alice.ActiveCalls == 0 && bob.ActiveCalls == 0);
    }

    [Fact]
    public async Task Callee_hangup_reaches_the_caller()
    {
        var (caller, callee) = await RingingCallAsync();
        await callee.AnswerAsync(UserAgents.Media());
        await SipTestMessages.Within(caller.Answered);

        await callee.HangupAsync();

        Assert.Equal(SipCallEndReason.RemoteHangup, await SipTestMessages.Within(caller.Ended));
    }

    [Theory]
    [InlineData(486, SipCallEndReason.Busy)]
    [InlineData(480, SipCallEndReason.NoAnswer)]
    [InlineData(404, SipCallEndReason.NotFound)]
    [InlineData(603, SipCallEndReason.Declined)]
    [InlineData(500, SipCallEndReason.Failed)]
    public async Task Rejection_status_maps_to_the_call_result(int status, SipCallEndReason expected)
    {
        var (caller, callee) = await RingingCallAsync();

        await callee.RejectAsync(status);

        Assert.False(await SipTestMessages.Within(caller.Answered));
        Assert.Equal(expected, await SipTestMessages.Within(caller.Ended));
        var ended = (SipCallEnded)(await UserAgents.DrainAsync(caller))[^1];
        Assert.Equal(status, ended.StatusCode);
    }

    [Fact]
    public async Task Caller_cancel_before_answer_ends_both_sides_with_487()
    {
        var (caller, callee) = await RingingCallAsync();
        await SipTestMessages.Eventually(() => caller.State == SipCallState.Ringing);

        await caller.HangupAsync();

        Assert.Equal(SipCallEndReason.Cancelled, await SipTestMessages.Within(caller.Ended));
        Assert.Equal(SipCallEndReason.Cancelled, await SipTestMessages.Within(callee.Ended));
        var ended = (SipCallEnded)(await UserAgents.DrainAsync(caller))[^1];
        Assert.Equal(487, ended.StatusCode);
    }

    [Fact]
    public async Task Ring_timeout_cancels_with_no_answer()
    {
        var spec = UserAgents.CallTo(bob) with { RingTimeout = TimeSpan.FromMilliseconds(300) };

        var (caller, callee) = await RingingCallAsync(spec);

        Assert.Equal(SipCallEndReason.NoAnswer, await SipTestMessages.Within(caller.Ended));
        Assert.Equal(SipCallEndReason.Cancelled, await SipTestMessages.Within(callee.Ended));
    }

    [Fact]
    public async Task Hold_and_unhold_renegotiate_direction_on_both_sides()
    {
        var (caller, callee) = await RingingCallAsync();
        await callee.AnswerAsync(UserAgents.Media());
        await SipTestMessages.Within(caller.Answered);

        Assert.True(await SipTestMessages.Within(caller.HoldAsync()));
        Assert.Equal(SdpDirection.SendOnly, caller.Audio!.Direction);
        Assert.Equal(SdpDirection.RecvOnly, callee.Audio!.Direction);

        Assert.True(await SipTestMessages.Within(caller.UnholdAsync()));
        Assert.Equal(SdpDirection.SendRecv, caller.Audio!.Direction);
        Assert.Equal(SdpDirection.SendRecv, callee.Audio!.Direction);

        await callee.HangupAsync();
        var calleeEvents = await UserAgents.DrainAsync(callee);
        Assert.Equal(2, calleeEvents.Count(e => e is SipCallMediaChanged));
    }

    [Fact]
    public async Task Hold_is_refused_before_answer()
    {
        var (caller, _) = await RingingCallAsync();

        Assert.False(await caller.HoldAsync());
    }

    [Fact]
    public async Task Options_is_answered_with_allow_and_accept()
    {
        var options = new SipRequest("OPTIONS", SipUri.Parse($"sip:bob@{bob.Transport.LocalEndPoint}")!);
        options.Headers.Add("From", "<sip:alice@127.0.0.1>;tag=x");
        options.Headers.Add("To", "<sip:bob@127.0.0.1>");
        options.Headers.Add("Call-ID", "options-1");
        options.Headers.Add("CSeq", "1 OPTIONS");

        var response = await SipTestMessages.Within(alice.Layer.SendRequest(options, bob.Transport.LocalEndPoint, SipTransportProtocol.Udp).FinalResponseAsync());

        Assert.Equal(200, response!.StatusCode);
        Assert.Equal("INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, NOTIFY, REFER", response.Headers.Get("Allow"));
        Assert.Equal("application/sdp, message/sipfrag", response.Headers.Get("Accept"));
    }

    [Fact]
    public async Task Offer_without_common_codec_is_rejected_with_488()
    {
        var spec = UserAgents.CallTo(bob) with { Media = UserAgents.Media() with { Codecs = [new SdpRtpMap(8, "PCMA", 8000)] } };
        var (caller, callee) = await RingingCallAsync(spec);

        Assert.False(await callee.AnswerAsync(UserAgents.Media() with { Codecs = [new SdpRtpMap(0, "PCMU", 8000)] }));

        Assert.Equal(SipCallEndReason.Failed, await SipTestMessages.Within(caller.Ended));
    }

    [Fact]
    public async Task Call_over_tcp_is_answered()
    {
        var spec = UserAgents.CallTo(bob) with { Protocol = SipTransportProtocol.Tcp };
        var (caller, callee) = await RingingCallAsync(spec);

        await callee.AnswerAsync(UserAgents.Media());

        Assert.True(await SipTestMessages.Within(caller.Answered));
        Assert.Equal(0, alice.Layer.Counters.Retransmissions);
        await caller.HangupAsync();
        Assert.Equal(SipCallEndReason.RemoteHangup, await SipTestMessages.Within(callee.Ended));
    }

    [Fact]
    public async Task Shutdown_hangs_up_live_calls()
    {
        var (caller, callee) = await RingingCallAsync();
        await callee.AnswerAsync(UserAgents.Media());
        await SipTestMessages.Within(caller.Answered);

        await alice.DisposeAsync();
        alice = UserAgents.Start();

        Assert.Equal(SipCallEndReason.RemoteHangup, await SipTestMessages.Within(callee.Ended));
    }

    [Fact]
    public async Task Unresolvable_target_fails_the_call()
    {
        var spec = UserAgents.CallTo(bob) with { Target = SipUri.Parse("sip:bob@no-such-host.invalid")! };

        var caller = await alice.PlaceCallAsync(spec);

        Assert.Equal(SipCallEndReason.Failed, await SipTestMessages.Within(caller.Ended, 15));
    }
}
