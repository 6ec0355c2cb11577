using Voice.Sip.Messages;
using Voice.Sip.Tests.UserAgent;
using Voice.Sip.UserAgent;
using Voice.Testing;

namespace Voice.Sip.Tests.Peers;

/// <summary>Our user agent against a real, independent SIP implementation (baresip), on loopback.</summary>
public sealed class BaresipInteropTests : IAsyncLifetime
{
    private SipUserAgent agent = null!;

    public Task InitializeAsync()
    {
        agent = UserAgents.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await agent.DisposeAsync();

    private SipOutboundCall CallTo(Baresip peer) => new()
    {
        Target = SipUri.Parse(peer.Uri)!,
        From = new SipAddress(SipUri.Parse("sip:alice@127.0.0.1")!),
        Media = UserAgents.Media(FreePortsForRtp()),
    };

    private static int FreePortsForRtp() => FreePorts.NextBlock(2);

    [Fact]
    public async Task Call_to_auto_answering_baresip_is_established_and_our_bye_closes_it()
    {
        await using var peer = await Baresip.StartAsync("auto");

        var call = await agent.PlaceCallAsync(CallTo(peer));

        Assert.True(await SipTestMessages.Within(call.Answered, 15));
        Assert.Equal("PCMU", call.Audio!.Codec.EncodingName);
        await peer.EventAsync("CALL_ESTABLISHED");
        await call.HangupAsync();
        await peer.EventAsync("CALL_CLOSED");
        Assert.Equal(SipCallEndReason.LocalHangup, call.EndReason);
    }

    [Fact]
    public async Task Ringing_baresip_is_cancelled_with_487()
    {
        await using var peer = await Baresip.StartAsync("manual");

        var call = await agent.PlaceCallAsync(CallTo(peer));
        await peer.EventAsync("CALL_INCOMING");
        await SipTestMessages.Eventually(() => call.State == SipCallState.Ringing, 10);
        await call.HangupAsync();

        Assert.Equal(SipCallEndReason.Cancelled, await SipTestMessages.Within(call.Ended, 15));
        var ended = (SipCallEnded)(await UserAgents.DrainAsync(call))[^1];
        Assert.Equal(487, ended.StatusCode);
        await peer.EventAsync("CALL_CLOSED");
    }

    [Fact]
    public async Task Baresip_calls_us_we_answer_and_its_hangup_reaches_us()
    {
        await using var peer = await Baresip.StartAsync("manual");

        await peer.CommandAsync("dial", $"sip:alice@{agent.Transport.LocalEndPoint}");
        var call = await SipTestMessages.Within(agent.IncomingCalls.ReadAsync().AsTask(), 15);
        Assert.True(await call.AnswerAsync(UserAgents.Media(FreePortsForRtp())));
        await peer.EventAsync("CALL_ESTABLISHED");
        await peer.CommandAsync("hangup");

        Assert.Equal(SipCallEndReason.RemoteHangup, await SipTestMessages.Within(call.Ended, 15));
        Assert.Equal("PCMU", call.Audio!.Codec.EncodingName);
    }
}
