using Voice.Sip.Messages;
using Voice.Sip.Sdp;
using Voice.Sip.Tests.Transactions;
using Voice.Sip.UserAgent;

namespace Voice.Sip.Tests.UserAgent;

/// <summary>Our user agent against a scripted UAS built directly on the transaction layer.</summary>
public sealed class ScriptedPeerTests : IAsyncLifetime
{
    private TransactionStack peer = null!;
    private SipUserAgent alice = null!;

    public Task InitializeAsync()
    {
        peer = TransactionStack.Start();
        // A documentation address: only rport/received routing gets responses back, as behind a NAT.
        alice = UserAgents.Start(advertisedHost: "192.0.2.99");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await alice.DisposeAsync();
        await peer.DisposeAsync();
    }

    [Fact]
    public async Task Retransmitted_2xx_is_acked_again()
    {
        peer.Lossy.DropNextIncoming(1, m => m is SipRequest { Method: "ACK" });
        var call = await alice.PlaceCallAsync(CallToPeer());
        var invite = await peer.NextRequestAsync();

        await invite.Transaction!.SendResponseAsync(Answer(invite.Request));

        Assert.True(await SipTestMessages.Within(call.Answered));
        // The first ACK was lost, so an acknowledged transaction proves the 2xx was re-sent and ACKed again.
        Assert.True(await SipTestMessages.Within(invite.Transaction.Acknowledged));
        Assert.Equal(1, peer.Lossy.Dropped);
    }

    [Fact]
    public async Task Invite_carries_the_advertised_address_in_via_and_contact_and_early_media_sdp_is_used()
    {
        var call = await alice.PlaceCallAsync(CallToPeer());
        var invite = await peer.NextRequestAsync();
        Assert.Equal("192.0.2.99", invite.Request.TopVia!.Host);
        Assert.Equal("127.0.0.1", invite.Request.TopVia.Received);
        Assert.Equal("192.0.2.99", invite.Request.Contacts[0].Uri.Host);
        Assert.Equal(alice.Transport.AdvertisedPort, invite.Request.Contacts[0].Uri.Port);

        var progress = Answer(invite.Request, 183);
        await invite.Transaction!.SendResponseAsync(progress);
        var early = await SipTestMessages.Within(call.Events.ReadAsync().AsTask());

        Assert.False(early is SipCallEnded, early.ToString());
        var progressed = Assert.IsType<SipCallProgressed>(early);
        Assert.Equal(183, progressed.StatusCode);
        Assert.Equal(43000, progressed.EarlyAudio!.RemotePort);
        await invite.Transaction.SendResponseAsync(SipResponseFactory.Create(invite.Request, 486, toTag: "peer1"));
        Assert.Equal(SipCallEndReason.Busy, await SipTestMessages.Within(call.Ended));
    }

    private SipOutboundCall CallToPeer() => new()
    {
        Target = SipUri.Parse($"sip:bob@{peer.EndPoint}")!,
        From = new SipAddress(SipUri.Parse("sip:alice@127.0.0.1")!),
        Media = UserAgents.Media(),
    };

    private SipResponse Answer(SipRequest invite, int status = 200)
    {
        Assert.True(SdpParser.TryParse(invite.Body.Span, out var offer, out _));
        var response = SipResponseFactory.Create(invite, status, toTag: "peer1");
        response.Headers.Add("Contact", $"<sip:bob@{peer.EndPoint}>");
        response.Headers.Add("Content-Type", "application/sdp");
        response.Body = new SdpNegotiator(UserAgents.Media(43000)).Answer(offer).Answer!.ToBytes();
        return response;
    }
}
