using System.Net;
using System.Net.Sockets;
using Voice.Sip.Messages;
using Voice.Sip.Transactions;
using Voice.Sip.Transport;

namespace Voice.Sip.Tests.Transactions;

public sealed class SipTransactionLayerTests : IAsyncLifetime
{
    private TransactionStack a = null!;
    private TransactionStack b = null!;

    public Task InitializeAsync()
    {
        a = TransactionStack.Start();
        b = TransactionStack.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await a.DisposeAsync();
        await b.DisposeAsync();
    }

    [Fact]
    public async Task Options_gets_its_final_response_and_both_transactions_end()
    {
        var client = a.Layer.SendRequest(a.NewRequest("OPTIONS", b), b.EndPoint, SipTransportProtocol.Udp);

        var incoming = await b.NextRequestAsync();
        await incoming.Transaction!.SendResponseAsync(SipResponseFactory.Create(incoming.Request, 200));
        var final = await SipTestMessages.Within(client.FinalResponseAsync());

        Assert.Equal(200, final!.StatusCode);
        Assert.True(incoming.Request.TopVia!.HasRfc3261Branch);
        await SipTestMessages.Eventually(() => a.Layer.ActiveTransactions == 0 && b.Layer.ActiveTransactions == 0);
    }

    [Fact]
    public async Task Invite_gets_100_trying_then_the_final_and_the_transaction_acks_a_non_2xx()
    {
        var client = a.Layer.SendRequest(a.NewRequest("INVITE", b), b.EndPoint, SipTransportProtocol.Udp);
        var incoming = await b.NextRequestAsync();

        await incoming.Transaction!.SendResponseAsync(SipResponseFactory.Create(incoming.Request, 180, toTag: "bob1"));
        await incoming.Transaction.SendResponseAsync(SipResponseFactory.Create(incoming.Request, 486, toTag: "bob1"));

        var codes = new List<int>();
        await foreach (var r in client.Responses.ReadAllAsync())
        {
            codes.Add(r.StatusCode);
        }

        Assert.Equal([100, 180, 486], codes.Distinct());
        Assert.True(await SipTestMessages.Within(incoming.Transaction.Acknowledged));
    }

    [Fact]
    public async Task Lost_invites_are_retransmitted_by_timer_a()
    {
        a.Lossy.DropNext(2, m => m is SipRequest { Method: "INVITE" });

        a.Layer.SendRequest(a.NewRequest("INVITE", b), b.EndPoint, SipTransportProtocol.Udp);
        var incoming = await b.NextRequestAsync();

        Assert.Equal("INVITE", incoming.Request.Method);
        Assert.Equal(2, a.Lossy.Dropped);
        Assert.True(a.Layer.Counters.Retransmissions >= 2);
    }

    [Fact]
    public async Task Lost_non_invite_request_and_response_are_recovered()
    {
        a.Lossy.DropNext(1, m => m is SipRequest { Method: "OPTIONS" });
        b.Lossy.DropNext(1, m => m is SipResponse { StatusCode: 200 });

        var client = a.Layer.SendRequest(a.NewRequest("OPTIONS", b), b.EndPoint, SipTransportProtocol.Udp);
        var incoming = await b.NextRequestAsync();
        await incoming.Transaction!.SendResponseAsync(SipResponseFactory.Create(incoming.Request, 200));

        Assert.Equal(200, (await SipTestMessages.Within(client.FinalResponseAsync()))!.StatusCode);
        Assert.True(b.Layer.Counters.AbsorbedRetransmissions >= 1);
    }

    [Fact]
    public async Task Lost_final_error_is_retransmitted_by_timer_g_until_acked()
    {
        b.Lossy.DropNext(2, m => m is SipResponse { StatusCode: 603 });
        var client = a.Layer.SendRequest(a.NewRequest("INVITE", b), b.EndPoint, SipTransportProtocol.Udp);
        var incoming = await b.NextRequestAsync();

        await incoming.Transaction!.SendResponseAsync(SipResponseFactory.Create(incoming.Request, 603, toTag: "bob1"));

        Assert.Equal(603, (await SipTestMessages.Within(client.FinalResponseAsync()))!.StatusCode);
        Assert.True(await SipTestMessages.Within(incoming.Transaction.Acknowledged));
        Assert.True(b.Layer.Counters.Retransmissions >= 2);
    }

    [Fact]
    public async Task Lost_2xx_is_retransmitted_until_the_dialog_ack_arrives()
    {
        b.Lossy.DropNext(1, m => m is SipResponse { StatusCode: 200 });
        var invite = a.NewRequest("INVITE", b);
        var client = a.Layer.SendRequest(invite, b.EndPoint, SipTransportProtocol.Udp);
        var incoming = await b.NextRequestAsync();

        await incoming.Transaction!.SendResponseAsync(SipResponseFactory.Create(incoming.Request, 200, toTag: "bob1"));
        var ok = await SipTestMessages.Within(client.FinalResponseAsync());
        var ack = new SipRequest("ACK", invite.RequestUri);
        ack.Headers.Add("Via", $"SIP/2.0/UDP {a.EndPoint};branch={SipTransactionLayer.NewBranch()}");
        ack.Headers.Add("From", invite.Headers.Get("From")!);
        ack.Headers.Add("To", ok!.Headers.Get("To")!);
        ack.Headers.Add("Call-ID", invite.CallId!);
        ack.Headers.Add("CSeq", "1 ACK");
        await a.Layer.SendStatelessAsync(ack, b.EndPoint, SipTransportProtocol.Udp);

        Assert.True(await SipTestMessages.Within(incoming.Transaction.Acknowledged));
        var ackAtB = await b.NextRequestAsync();
        Assert.Equal("ACK", ackAtB.Request.Method);
        Assert.Null(ackAtB.Transaction);
    }

    [Fact]
    public async Task Unanswered_request_times_out_with_408()
    {
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = (IPEndPoint)silent.Client.LocalEndPoint!;

        var client = a.Layer.SendRequest(a.NewRequest("OPTIONS", b), target, SipTransportProtocol.Udp);

        Assert.Equal(408, (await SipTestMessages.Within(client.FinalResponseAsync(), 15))!.StatusCode);
        Assert.Equal(1, a.Layer.Counters.Timeouts);
    }

    [Fact]
    public async Task Missing_ack_ends_the_invite_server_transaction_unacknowledged()
    {
        a.Lossy.DropNext(100, m => m is SipRequest { Method: "ACK" });
        a.Layer.SendRequest(a.NewRequest("INVITE", b), b.EndPoint, SipTransportProtocol.Udp);
        var incoming = await b.NextRequestAsync();

        await incoming.Transaction!.SendResponseAsync(SipResponseFactory.Create(incoming.Request, 480, toTag: "bob1"));

        Assert.False(await SipTestMessages.Within(incoming.Transaction.Acknowledged, 15));
    }

    [Fact]
    public async Task Cancel_gets_200_the_tu_sees_it_and_the_invite_ends_with_487()
    {
        var invite = a.NewRequest("INVITE", b);
        var client = a.Layer.SendRequest(invite, b.EndPoint, SipTransportProtocol.Udp);
        var incoming = await b.NextRequestAsync();

        var cancel = new SipRequest("CANCEL", invite.RequestUri);
        cancel.Headers.Add("Via", invite.Headers.Get("Via")!);
        cancel.Headers.Add("From", invite.Headers.Get("From")!);
        cancel.Headers.Add("To", invite.Headers.Get("To")!);
        cancel.Headers.Add("Call-ID", invite.CallId!);
        cancel.Headers.Add("CSeq", "1 CANCEL");
        var cancelTransaction = a.Layer.SendRequest(cancel, b.EndPoint, SipTransportProtocol.Udp);

        var cancelAtB = await b.NextRequestAsync();
        Assert.Same(incoming.Transaction, cancelAtB.CancelledInvite);
        await incoming.Transaction!.SendResponseAsync(SipResponseFactory.Create(incoming.Request, 487, toTag: "bob1"));

        Assert.Equal(200, (await SipTestMessages.Within(cancelTransaction.FinalResponseAsync()))!.StatusCode);
        Assert.Equal(487, (await SipTestMessages.Within(client.FinalResponseAsync()))!.StatusCode);
        Assert.True(await SipTestMessages.Within(incoming.Transaction.Acknowledged));
    }

    [Fact]
    public async Task Cancel_for_an_unknown_invite_gets_481()
    {
        var cancel = a.NewRequest("CANCEL", b, callId: "nothing-to-cancel");

        var transaction = a.Layer.SendRequest(cancel, b.EndPoint, SipTransportProtocol.Udp);

        Assert.Equal(481, (await SipTestMessages.Within(transaction.FinalResponseAsync()))!.StatusCode);
    }

    [Fact]
    public async Task Rfc2543_request_without_magic_cookie_is_matched_and_its_retransmission_absorbed()
    {
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TortureVectors", "badbranch.dat"));

        await peer.SendAsync(bytes, b.EndPoint);
        var incoming = await b.NextRequestAsync();
        await incoming.Transaction!.SendResponseAsync(SipResponseFactory.Create(incoming.Request, 200));
        await peer.SendAsync(bytes, b.EndPoint);

        // No rport in that Via, so the responses go to received:5060; what matters is that the retransmission
        // matched the same transaction (absorbed, last response re-sent) instead of reaching the TU again.
        await SipTestMessages.Eventually(() => b.Layer.Counters.AbsorbedRetransmissions == 1);
        await SipTestMessages.Eventually(() => b.Transport.Counters.Sent == 2);
        Assert.False(b.Layer.IncomingRequests.TryRead(out _));
        Assert.False(incoming.Request.TopVia!.HasRfc3261Branch);
    }

    [Fact]
    public async Task Response_matching_no_transaction_is_dropped()
    {
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        await peer.SendAsync(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TortureVectors", "bcast.dat")), b.EndPoint);

        await SipTestMessages.Eventually(() => b.Layer.Counters.StrayResponses == 1);
        Assert.Equal(0, b.Layer.Counters.InternalErrors);
    }

    [Fact]
    public async Task Tcp_requests_are_not_retransmitted()
    {
        var client = a.Layer.SendRequest(a.NewRequest("INVITE", b), b.EndPoint, SipTransportProtocol.Tcp);
        var incoming = await b.NextRequestAsync();
        await Task.Delay(200);

        await incoming.Transaction!.SendResponseAsync(SipResponseFactory.Create(incoming.Request, 404, toTag: "bob1"));

        Assert.Equal(404, (await SipTestMessages.Within(client.FinalResponseAsync()))!.StatusCode);
        Assert.Equal(0, a.Layer.Counters.Retransmissions);
        Assert.Equal(SipTransportProtocol.Tcp, incoming.Protocol);
        Assert.Contains("TCP", incoming.Request.TopVia!.Transport, StringComparison.Ordinal);
    }
}
