using System.Text;
using Voice.Sip.Messages;
using Voice.Sip.Sdp;
using Voice.Sip.Tests.Transactions;
using Voice.Sip.Transactions;
using Voice.Sip.Transport;
using Voice.Sip.UserAgent;
using Voice.Testing;

namespace Voice.Sip.Tests.UserAgent;

/// <summary>REFER (as transferor) and INFO of our user agent against a scripted peer on the transaction layer.</summary>
public sealed class SipReferTests : IAsyncLifetime
{
    private TransactionStack peer = null!;
    private SipUserAgent alice = null!;
    private SipCall call = null!;
    private SipRequest invite = null!;
    private long peerSequence = 1;

    public async Task InitializeAsync()
    {
        peer = TransactionStack.Start();
        alice = SipUserAgent.Start(new SipUserAgentOptions
        {
            Transport = new SipTransportOptions { ListenEndPoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, FreePorts.Next()) },
            Timers = TransactionStack.FastTimers,
            ReferNotifyTimeout = TimeSpan.FromSeconds(1),
        });
        call = await alice.PlaceCallAsync(new SipOutboundCall
        {
            Target = SipUri.Parse($"sip:bob@{peer.EndPoint}")!,
            From = new SipAddress(SipUri.Parse("sip:alice@127.0.0.1")!),
            Media = UserAgents.Media(),
        });
        var incoming = await peer.NextRequestAsync();
        invite = incoming.Request;
        Assert.True(SdpParser.TryParse(invite.Body.Span, out var offer, out _));
        var ok = SipResponseFactory.Create(invite, 200, toTag: "peer1");
        ok.Headers.Add("Contact", $"<sip:bob@{peer.EndPoint}>");
        ok.Headers.Add("Content-Type", "application/sdp");
        ok.Body = new SdpNegotiator(UserAgents.Media(43000)).Answer(offer).Answer!.ToBytes();
        await incoming.Transaction!.SendResponseAsync(ok);
        Assert.True(await SipTestMessages.Within(call.Answered));
    }

    public async Task DisposeAsync()
    {
        await alice.DisposeAsync();
        await peer.DisposeAsync();
    }

    [Fact]
    public async Task Accepted_refer_reports_each_notify_and_succeeds_at_the_final_200()
    {
        var subscription = await call.ReferAsync(new SipReferRequest
        {
            Target = SipUri.Parse("sip:carol@192.0.2.7:5070")!,
            TargetHeaders = [new SipHeader("User-to-User", "56a390f3d2b7310023a;encoding=hex")],
            Headers = [new SipHeader("X-Transfer-Reason", "queue")],
        });
        Assert.NotNull(subscription);
        var refer = await NextAsync(SipMethods.Refer);

        Assert.Equal("<sip:carol@192.0.2.7:5070?User-to-User=56a390f3d2b7310023a%3Bencoding%3Dhex>", refer.Request.Headers.Get("Refer-To"));
        Assert.True(SipAddress.TryParse(refer.Request.Headers.Get("Refer-To")!, out var referTo));
        Assert.Equal("User-to-User=56a390f3d2b7310023a%3Bencoding%3Dhex", referTo.Uri.Headers);
        Assert.Equal("<sip:alice@127.0.0.1>", refer.Request.Headers.Get("Referred-By"));
        Assert.Equal("queue", refer.Request.Headers.Get("X-Transfer-Reason"));
        Assert.Single(refer.Request.Contacts);
        Assert.Equal("peer1", refer.Request.To!.Tag);
        await refer.Transaction!.SendResponseAsync(SipResponseFactory.Create(refer.Request, 202));

        Assert.Equal(200, await NotifyAsync("SIP/2.0 100 Trying\r\n", "active;expires=60"));
        Assert.Equal(200, await NotifyAsync("SIP/2.0 180 Ringing\r\n", "active;expires=60", eventId: refer.Request.CSeq!.Value.Number.ToString()));
        Assert.Equal(200, await NotifyAsync("SIP/2.0 200 OK\r\n", "terminated;reason=noresource"));

        var outcome = await SipTestMessages.Within(subscription.Completed);
        Assert.Equal(new SipReferOutcome(SipReferResult.Succeeded, 202, 200), outcome);
        var progress = await DrainAsync(subscription);
        Assert.Equal([100, 180, 200], progress.Select(p => p.StatusCode));
        Assert.Equal("SIP/2.0 180 Ringing", progress[1].Sipfrag);
        Assert.Equal([false, false, true], progress.Select(p => p.IsFinal));
        Assert.True(progress[2].SubscriptionTerminated);

        // The subscription is over: another NOTIFY for it has no subscription to go to.
        Assert.Equal(481, await NotifyAsync("SIP/2.0 200 OK\r\n", "terminated"));
    }

    [Fact]
    public async Task Refer_refused_by_the_peer_ends_refused_with_its_status()
    {
        var subscription = await call.ReferAsync(new SipReferRequest { Target = SipUri.Parse("sip:carol@192.0.2.7")! });
        var refer = await NextAsync(SipMethods.Refer);
        await refer.Transaction!.SendResponseAsync(SipResponseFactory.Create(refer.Request, 603));

        Assert.Equal(new SipReferOutcome(SipReferResult.Refused, 603, null), await SipTestMessages.Within(subscription!.Completed));
        Assert.Empty(await DrainAsync(subscription));
    }

    [Fact]
    public async Task Final_failure_in_the_sipfrag_ends_the_refer_failed()
    {
        var subscription = await call.ReferAsync(new SipReferRequest { Target = SipUri.Parse("sip:carol@192.0.2.7")! });
        var refer = await NextAsync(SipMethods.Refer);
        await refer.Transaction!.SendResponseAsync(SipResponseFactory.Create(refer.Request, 202));

        Assert.Equal(200, await NotifyAsync("SIP/2.0 486 Busy Here\r\n", "terminated;reason=noresource"));

        Assert.Equal(new SipReferOutcome(SipReferResult.Failed, 202, 486), await SipTestMessages.Within(subscription!.Completed));
    }

    [Fact]
    public async Task Malformed_notifies_get_the_matching_error_and_leave_the_subscription_running()
    {
        var subscription = await call.ReferAsync(new SipReferRequest { Target = SipUri.Parse("sip:carol@192.0.2.7")! });
        var refer = await NextAsync(SipMethods.Refer);
        await refer.Transaction!.SendResponseAsync(SipResponseFactory.Create(refer.Request, 202));

        Assert.Equal(400, await NotifyAsync("Trying, I think\r\n", "active"));
        Assert.Equal(400, await NotifyAsync("INVITE sip:carol@192.0.2.7 SIP/2.0\r\n", "active"));
        Assert.Equal(400, await NotifyAsync("", "active"));
        Assert.Equal(400, await NotifyAsync("SIP/2.0 100 Trying\r\n", subscriptionState: null));
        Assert.Equal(400, await NotifyAsync("SIP/2.0 100 Trying\r\n", ";bad"));
        Assert.Equal(415, await NotifyAsync("SIP/2.0 100 Trying\r\n", "active", contentType: "text/plain"));
        Assert.Equal(489, await NotifyAsync("SIP/2.0 100 Trying\r\n", "active", eventPackage: "presence"));
        Assert.Equal(400, await NotifyAsync("SIP/2.0 100 Trying\r\n", "active", eventPackage: ""));
        Assert.Equal(481, await NotifyAsync("SIP/2.0 100 Trying\r\n", "active", eventId: "999999"));
        Assert.False(subscription!.Completed.IsCompleted);

        Assert.Equal(200, await NotifyAsync("SIP/2.0 200 OK\r\n", "terminated"));
        Assert.Equal(SipReferResult.Succeeded, (await SipTestMessages.Within(subscription.Completed)).Result);
    }

    [Fact]
    public async Task Accepted_refer_without_a_final_notify_times_out()
    {
        var subscription = await call.ReferAsync(new SipReferRequest { Target = SipUri.Parse("sip:carol@192.0.2.7")! });
        var refer = await NextAsync(SipMethods.Refer);
        await refer.Transaction!.SendResponseAsync(SipResponseFactory.Create(refer.Request, 202));
        Assert.Equal(200, await NotifyAsync("SIP/2.0 100 Trying\r\n", "active;expires=60"));

        Assert.Equal(new SipReferOutcome(SipReferResult.TimedOut, 202, 100), await SipTestMessages.Within(subscription!.Completed));
        Assert.Equal(481, await NotifyAsync("SIP/2.0 200 OK\r\n", "terminated"));
    }

    [Fact]
    public async Task Hanging_up_ends_a_running_refer_with_call_ended()
    {
        var subscription = await call.ReferAsync(new SipReferRequest { Target = SipUri.Parse("sip:carol@192.0.2.7")! });
        var refer = await NextAsync(SipMethods.Refer);
        await refer.Transaction!.SendResponseAsync(SipResponseFactory.Create(refer.Request, 202));

        await call.HangupAsync();

        // Whether the 202 was taken before the hangup is a race; the end is not.
        Assert.Equal(SipReferResult.CallEnded, (await SipTestMessages.Within(subscription!.Completed)).Result);
        Assert.Null(await call.ReferAsync(new SipReferRequest { Target = SipUri.Parse("sip:carol@192.0.2.7")! }));
    }

    [Fact]
    public async Task Refer_from_the_peer_is_refused_with_403_and_one_without_refer_to_with_400()
    {
        var refer = PeerRequest(SipMethods.Refer);
        refer.Headers.Add("Refer-To", "<sip:mallory@192.0.2.66>");
        Assert.Equal(403, await SendFromPeerAsync(refer));

        Assert.Equal(400, await SendFromPeerAsync(PeerRequest(SipMethods.Refer)));
        Assert.Equal(SipCallState.Established, call.State);
    }

    [Fact]
    public async Task Info_is_sent_with_its_content_type_and_body()
    {
        var sending = call.SendInfoAsync("application/dtmf-relay", Encoding.ASCII.GetBytes("Signal=5\r\nDuration=160\r\n"));
        var info = await NextAsync(SipMethods.Info);

        Assert.Equal("application/dtmf-relay", info.Request.ContentType);
        Assert.Equal("Signal=5\r\nDuration=160\r\n", Encoding.ASCII.GetString(info.Request.Body.Span));
        await info.Transaction!.SendResponseAsync(SipResponseFactory.Create(info.Request, 200));
        Assert.Equal(200, (await SipTestMessages.Within(sending))!.StatusCode);
        Assert.Null(await call.SendInfoAsync("text/plain", new byte[SipCall.MaxInfoBodyBytes + 1]));
    }

    [Fact]
    public async Task Info_from_the_peer_is_answered_200_and_reported_and_an_info_package_gets_469()
    {
        var info = PeerRequest(SipMethods.Info);
        info.Headers.Add("Content-Type", "application/x-custom+json");
        info.Body = Encoding.UTF8.GetBytes("{\"agent\":42}");
        Assert.Equal(200, await SendFromPeerAsync(info));

        var received = await SipTestMessages.Within(NextEventAsync<SipCallInfoReceived>());
        Assert.Equal("application/x-custom+json", received.ContentType);
        Assert.Equal("{\"agent\":42}", Encoding.UTF8.GetString(received.Body.Span));

        var package = PeerRequest(SipMethods.Info);
        package.Headers.Add("Info-Package", "g.3gpp.dtmf");
        Assert.Equal(469, await SendFromPeerAsync(package));

        var typeless = PeerRequest(SipMethods.Info);
        typeless.Body = Encoding.UTF8.GetBytes("x");
        Assert.Equal(415, await SendFromPeerAsync(typeless));
    }

    [Fact]
    public async Task Notify_info_and_refer_outside_a_dialog_get_481()
    {
        foreach (var method in new[] { SipMethods.Notify, SipMethods.Info, SipMethods.Refer })
        {
            var request = new SipRequest(method, SipUri.Parse($"sip:alice@{alice.Transport.LocalEndPoint}")!);
            request.Headers.Add("From", $"<sip:bob@{peer.EndPoint}>;tag=peer9");
            request.Headers.Add("To", $"<sip:alice@{alice.Transport.LocalEndPoint}>");
            request.Headers.Add("Call-ID", $"no-such-call-{method}");
            request.Headers.Add("CSeq", $"1 {method}");
            request.Headers.Add("Max-Forwards", "70");
            Assert.Equal(481, await SendFromPeerAsync(request));
        }
    }

    private async Task<int> NotifyAsync(string sipfrag, string? subscriptionState, string contentType = "message/sipfrag;version=2.0", string eventPackage = "refer", string? eventId = null)
    {
        var notify = PeerRequest(SipMethods.Notify);
        if (eventPackage.Length > 0 || eventId is not null)
        {
            notify.Headers.Add("Event", eventId is null ? eventPackage : $"{eventPackage};id={eventId}");
        }
        else
        {
            notify.Headers.Add("Event", ";id=1");
        }

        if (subscriptionState is not null)
        {
            notify.Headers.Add("Subscription-State", subscriptionState);
        }

        if (sipfrag.Length > 0)
        {
            notify.Headers.Add("Content-Type", contentType);
            notify.Body = Encoding.UTF8.GetBytes(sipfrag);
        }

        return await SendFromPeerAsync(notify);
    }

    // An in-dialog request from the peer: From is its side of the dialog (tag peer1), To is ours.
    private SipRequest PeerRequest(string method)
    {
        var request = new SipRequest(method, invite.Contacts[0].Uri.Clone());
        request.Headers.Add("From", $"<sip:bob@{peer.EndPoint}>;tag=peer1");
        request.Headers.Add("To", invite.Headers.Get("From")!);
        request.Headers.Add("Call-ID", invite.CallId!);
        request.Headers.Add("CSeq", $"{++peerSequence} {method}");
        request.Headers.Add("Max-Forwards", "70");
        return request;
    }

    private async Task<int> SendFromPeerAsync(SipRequest request)
    {
        var transaction = peer.Layer.SendRequest(request, alice.Transport.LocalEndPoint, SipTransportProtocol.Udp);
        return (await SipTestMessages.Within(transaction.FinalResponseAsync()))!.StatusCode;
    }

    private async Task<SipIncomingRequest> NextAsync(string method)
    {
        while (true)
        {
            var next = await peer.NextRequestAsync();
            if (next.Request.Method == method)
            {
                return next;
            }
        }
    }

    private async Task<T> NextEventAsync<T>()
        where T : SipCallEvent
    {
        await foreach (var e in call.Events.ReadAllAsync())
        {
            if (e is T wanted)
            {
                return wanted;
            }
        }

        throw new InvalidOperationException($"the call ended without {typeof(T).Name}");
    }

    private static async Task<List<SipReferProgress>> DrainAsync(SipReferSubscription subscription)
    {
        var list = new List<SipReferProgress>();
        await foreach (var item in subscription.Progress.ReadAllAsync())
        {
            list.Add(item);
        }

        return list;
    }
}
