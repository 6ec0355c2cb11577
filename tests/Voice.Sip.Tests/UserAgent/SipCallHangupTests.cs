using Voice.Sip.Messages;
using Voice.Sip.Sdp;
using Voice.Sip.Tests.Transactions;
using Voice.Sip.Transactions;
using Voice.Sip.Transport;
using Voice.Sip.UserAgent;

namespace Voice.Sip.Tests.UserAgent;

/// <summary>
/// Our hangup of an established call against a scripted far end that answers the BYE late or never (a phone that was
/// killed): the call ends at once, the BYE's transaction goes on in the background.
/// </summary>
public sealed class SipCallHangupTests : IAsyncLifetime
{
    private TransactionStack peer = null!;

    public Task InitializeAsync()
    {
        peer = TransactionStack.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await peer.DisposeAsync();

    [Fact]
    public async Task Hangup_returns_at_once_although_the_far_end_never_answers_the_bye_and_the_bye_is_retransmitted()
    {
        // RFC 3261 default timers: the unanswered BYE would take timer F (32 s) to end.
        await using var alice = UserAgents.Start(timers: new SipTimerSettings());
        var call = await EstablishedCallAsync(alice);
        peer.Lossy.DropNextIncoming(int.MaxValue, IsBye);

        await SipTestMessages.Within(call.HangupAsync());

        Assert.Equal(SipCallEndReason.LocalHangup, call.EndReason);
        Assert.Equal(SipCallState.Terminated, call.State);
        Assert.False(call.ByeResponse.IsCompleted);
        // Sent at 0, again at T1 (0.5 s) and 3·T1: the transaction runs on without anyone waiting for it.
        await SipTestMessages.Eventually(() => peer.Lossy.Dropped >= 3);
    }

    [Fact]
    public async Task Bye_answered_after_retransmissions_reports_the_far_ends_response()
    {
        await using var alice = UserAgents.Start();
        var call = await EstablishedCallAsync(alice);
        peer.Lossy.DropNextIncoming(2, IsBye);

        await call.HangupAsync();
        var bye = await NextRequestAsync(SipMethods.Bye);
        await bye.Transaction!.SendResponseAsync(SipResponseFactory.Create(bye.Request, 200));

        Assert.Equal(200, (await SipTestMessages.Within(call.ByeResponse))!.StatusCode);
        Assert.Equal(2, peer.Lossy.Dropped);
    }

    [Fact]
    public async Task Bye_never_answered_reports_a_timeout_once_timer_f_fires()
    {
        await using var alice = UserAgents.Start();
        var call = await EstablishedCallAsync(alice);
        peer.Lossy.DropNextIncoming(int.MaxValue, IsBye);

        await call.HangupAsync();

        // Fast timers: timer F is 64·50 ms = 3.2 s.
        Assert.Equal(408, (await SipTestMessages.Within(call.ByeResponse, 10))!.StatusCode);
    }

    [Fact]
    public async Task Disposing_the_user_agent_right_after_a_hangup_waits_briefly_for_the_bye_to_be_answered()
    {
        // Default timers: disposal waits up to 8·T1 = 4 s.
        var alice = UserAgents.Start(timers: new SipTimerSettings());
        var call = await EstablishedCallAsync(alice);

        await call.HangupAsync();
        var disposing = alice.DisposeAsync().AsTask();
        var bye = await NextRequestAsync(SipMethods.Bye);
        await bye.Transaction!.SendResponseAsync(SipResponseFactory.Create(bye.Request, 200));
        await SipTestMessages.Within(disposing);

        Assert.True(call.ByeResponse.IsCompleted, "the user agent stopped before the BYE was answered");
        Assert.Equal(200, (await call.ByeResponse)!.StatusCode);
    }

    [Fact]
    public async Task Call_ended_by_the_far_ends_bye_has_no_bye_response_of_its_own()
    {
        await using var alice = UserAgents.Start();
        var (call, invite) = await EstablishedCallWithInviteAsync(alice);
        var bye = new SipRequest(SipMethods.Bye, invite.Contacts[0].Uri);
        bye.Headers.Add("From", $"<sip:bob@{peer.EndPoint}>;tag=peer1");
        bye.Headers.Add("To", invite.Headers.Get("From")!);
        bye.Headers.Add("Call-ID", invite.CallId!);
        bye.Headers.Add("CSeq", "1 BYE");
        bye.Headers.Add("Max-Forwards", "70");

        var answer = await SipTestMessages.Within(peer.Layer.SendRequest(bye, alice.Transport.LocalEndPoint, SipTransportProtocol.Udp).FinalResponseAsync());

        Assert.Equal(200, answer!.StatusCode);
        Assert.Equal(SipCallEndReason.RemoteHangup, await SipTestMessages.Within(call.Ended));
        Assert.Null(await SipTestMessages.Within(call.ByeResponse));
    }

    private static bool IsBye(SipMessage message) => message is SipRequest { Method: SipMethods.Bye };

    private async Task<SipCall> EstablishedCallAsync(SipUserAgent alice) => (await EstablishedCallWithInviteAsync(alice)).Call;

    private async Task<(SipCall Call, SipRequest Invite)> EstablishedCallWithInviteAsync(SipUserAgent alice)
    {
        var call = await alice.PlaceCallAsync(new SipOutboundCall
        {
            Target = SipUri.Parse($"sip:bob@{peer.EndPoint}")!,
            From = new SipAddress(SipUri.Parse("sip:alice@127.0.0.1")!),
            Media = UserAgents.Media(),
        });
        var invite = await NextRequestAsync(SipMethods.Invite);
        Assert.True(SdpParser.TryParse(invite.Request.Body.Span, out var offer, out _));
        var ok = SipResponseFactory.Create(invite.Request, 200, toTag: "peer1");
        ok.Headers.Add("Contact", $"<sip:bob@{peer.EndPoint}>");
        ok.Headers.Add("Content-Type", "application/sdp");
        ok.Body = new SdpNegotiator(UserAgents.Media(43000)).Answer(offer).Answer!.ToBytes();
        await invite.Transaction!.SendResponseAsync(ok);
        Assert.True(await SipTestMessages.Within(call.Answered));
        return (call, invite.Request);
    }

    // Skips what comes before (the ACK of the 2xx).
    private async Task<SipIncomingRequest> NextRequestAsync(string method)
    {
        while (true)
        {
            var request = await peer.NextRequestAsync();
            if (request.Request.Method == method)
            {
                return request;
            }
        }
    }
}
