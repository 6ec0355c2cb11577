using Voice.Media.Contracts;
using Voice.Media.Dtmf;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Host;

/// <summary>Media commands on a call answered by a real baresip: DTMF both ways, gather, TTS and file playback.</summary>
public sealed class MediaCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string NewId() => Guid.NewGuid().ToString("N");

    /// <remarks>Callers dispose the node before the peer, so the node's BYE is answered.</remarks>
    private static async Task<(RunningNode Node, Baresip Peer, string CallId)> AnsweredCallAsync(AzuriteFixture azurite)
    {
        var node = await RunningNode.StartAsync(azurite);
        var peer = await Baresip.StartAsync();
        try
        {
            return (node, peer, await node.AnsweredCallAsync(peer));
        }
        catch
        {
            await node.DisposeAsync();
            await peer.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task Rfc4733_digits_from_baresip_arrive_as_dtmf_events_in_order()
    {
        var (node, peer, callId) = await AnsweredCallAsync(azurite);
        await using (peer)
        await using (node)
        {
            await peer.CommandAsync("sndcode", "1234#");

            var digits = await node.EventsAsync(e => e.CallId == callId && e is DtmfEvent, 5);
            Assert.Equal(["1", "2", "3", "4", "#"], digits.OrderBy(e => e.Seq).Cast<DtmfEvent>().Select(d => d.Digit));
        }
    }

    [Fact]
    public async Task Rfc4733_digits_from_a_baresip_caller_arrive_as_dtmf_events()
    {
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite);
        await peer.CommandAsync("dial", $"sip:+4930123456@127.0.0.1:{node.SipPort}");
        var incoming = Assert.Single(await node.EventsAsync(e => e is IncomingCallEvent, 1));
        await node.SendAsync(new AnswerCommand { Id = NewId(), CallId = incoming.CallId });
        await node.EventsAsync(e => e.CallId == incoming.CallId && e is AnsweredEvent, 1);
        await peer.EventAsync("CALL_ESTABLISHED");

        await peer.CommandAsync("sndcode", "1234#");

        var digits = await node.EventsAsync(e => e.CallId == incoming.CallId && e is DtmfEvent, 5);
        Assert.Equal(["1", "2", "3", "4", "#"], digits.OrderBy(e => e.Seq).Cast<DtmfEvent>().Select(d => d.Digit));
    }

    [Fact]
    public async Task Gather_ends_when_max_digits_are_pressed()
    {
        var (node, peer, callId) = await AnsweredCallAsync(azurite);
        await using (peer)
        await using (node)
        {
            await node.SendAsync(new GatherCommand { Id = NewId(), CallId = callId, MaxDigits = 4, TimeoutSeconds = 15, InterDigitTimeoutSeconds = 10 });
            await node.CommandsHandledAsync();
            await peer.CommandAsync("sndcode", "12345");

            var ended = Assert.IsType<GatherEndedEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == callId && e is GatherEndedEvent, 1)));
            Assert.Equal(("1234", "max_digits"), (ended.Digits, ended.Reason));
        }
    }

    [Fact]
    public async Task Baresip_hears_the_spoken_text_and_the_played_tone()
    {
        var toneUrl = await TonePrompts.UploadAsync(azurite);
        var (node, peer, callId) = await AnsweredCallAsync(azurite);
        await using (peer)
        await using (node)
        {
            var say = new SayCommand { Id = NewId(), CallId = callId, Text = "Welcome to the voice test" };
            await node.SendAsync(say);
            await node.EventsAsync(e => e.CommandId == say.Id && e is PlaybackEndedEvent, 1);
            var play = new PlayCommand { Id = NewId(), CallId = callId, Url = toneUrl };
            await node.SendAsync(play);
            var ended = Assert.IsType<PlaybackEndedEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == play.Id && e is PlaybackEndedEvent, 1)));
            Assert.Equal("finished", ended.Reason);
            await node.SendAsync(new HangupCommand { Id = NewId(), CallId = callId });
            await peer.EventAsync("CALL_CLOSED");

            var heard = await peer.HeardAsync();
            Assert.True(TonePrompts.ContainsTone(heard));
            Assert.Contains(TonePrompts.Windows(heard), w => Goertzel.EnergyFraction(w.Span, 1000) < 0.3 && TonePrompts.Rms(w.Span) > 300);
        }
    }
}
