using Voice.Media.Codecs;
using Voice.Media.Dtmf;
using Voice.Media.Playback;
using Voice.Media.Recording;
using Voice.Media.Rtp;
using Voice.Media.Sessions;
using Voice.Media.Taps;

namespace Voice.Media.Tests.Mixing;

/// <summary>
/// The forwarding fast path of a two-leg bridge: packets forwarded as they come, renumbered into our stream, and the
/// fall-back to decoding and mixing whenever a condition stops holding, with the stream's numbering continuous.
/// </summary>
public class BridgeForwardingTests
{
    [Fact]
    public async Task A_plain_bridge_forwards_each_packet_as_it_comes_on_our_ssrc_with_continuing_numbers()
    {
        await using var bridge = new ForwardedBridge();
        bridge.Rounds(3);
        Assert.True(bridge.A.IsForwardingReceived);
        Assert.True(bridge.B.IsSendingForwarded);
        Assert.True(bridge.Mixer.IsForwarding);

        var before = bridge.ToB.Rtp.Count;
        var packet = bridge.PeerA.Next();
        bridge.DeliverToA(packet);

        // Sent on arrival, not on B's next tick.
        Assert.Equal(before + 1, bridge.ToB.Rtp.Count);
        Assert.True(bridge.ToB.IsForwarded(before));
        Assert.Equal(packet.Header.SequenceNumber, bridge.ToB.ForwardedSequence(before));
        bridge.Tick();
        bridge.Rounds(5);

        var sent = bridge.ToB.Headers;
        AssertContinuous(sent, bridge.B.Ssrc);
        var first = Enumerable.Range(0, sent.Count).First(bridge.ToB.IsForwarded);
        Assert.True(sent[first].Marker); // the receiver resets its playout at the switch
        Assert.All(Enumerable.Range(first + 1, sent.Count - first - 1), i => Assert.True(bridge.ToB.IsForwarded(i)));
        Assert.All(Enumerable.Range(first + 1, sent.Count - first - 1), i => Assert.Equal(sent[first].Timestamp + (uint)(160 * (i - first)), sent[i].Timestamp));
        Assert.Equal(sent.Count - first, bridge.B.Counters.RtpForwarded);

        // Both ways: A's stream carries B's peer's packets the same way.
        AssertContinuous(bridge.ToA.Headers, bridge.A.Ssrc);
        Assert.True(bridge.ToA.IsForwarded(bridge.ToA.Rtp.Count - 1));
    }

    [Fact]
    public async Task Loss_and_reordering_at_the_source_stay_visible_and_a_packet_from_before_the_switch_is_dropped()
    {
        await using var bridge = new ForwardedBridge();
        bridge.Rounds(2, peerB: false);
        Assert.True(bridge.B.IsSendingForwarded);
        var late = bridge.PeerA.Next();   // delayed: arrives after the two that follow it
        var next = bridge.PeerA.Next();
        bridge.PeerA.Next();              // lost
        var after = bridge.PeerA.Next();
        var start = bridge.ToB.Rtp.Count;

        bridge.DeliverToA(next);
        bridge.DeliverToA(after);
        bridge.DeliverToA(late);

        var sent = bridge.ToB.Headers.Skip(start).ToList();
        Assert.Equal(2, sent.Count); // "late" is older than the first forwarded packet: its number was already used
        Assert.Equal((ushort)(sent[0].SequenceNumber + 2), sent[1].SequenceNumber); // the loss stays a gap
        Assert.Equal(sent[0].Timestamp + 320, sent[1].Timestamp);
        Assert.Equal(1, bridge.B.Counters.RtpForwardStale);

        var reordered = bridge.PeerA.Next();
        bridge.PeerA.Next();
        var overtaking = bridge.PeerA.Next();
        bridge.DeliverToA(overtaking);
        bridge.DeliverToA(reordered);
        var last = bridge.ToB.Headers.TakeLast(2).ToList();
        Assert.Equal((ushort)(sent[1].SequenceNumber + 3), last[0].SequenceNumber);
        Assert.Equal((ushort)(sent[1].SequenceNumber + 1), last[1].SequenceNumber); // keeps its place
        Assert.Equal(sent[1].Timestamp + 160, last[1].Timestamp);
    }

    [Fact]
    public async Task Recording_a_leg_brings_the_bridge_back_to_mixing_at_its_next_tick_and_the_numbering_continues()
    {
        await using var bridge = new ForwardedBridge();
        bridge.Rounds(6);
        Assert.True(bridge.B.IsSendingForwarded);
        var lastForwarded = bridge.ToB.Headers[^1];

        var recorder = new WavRecorder(new MemoryStream());
        bridge.B.StartRecording(recorder);
        bridge.Tick();

        Assert.False(bridge.B.IsSendingForwarded);
        Assert.False(bridge.B.IsForwardingReceived);
        Assert.False(bridge.A.IsForwardingReceived);
        var own = bridge.ToB.Headers[^1];
        Assert.False(bridge.ToB.IsForwarded(bridge.ToB.Rtp.Count - 1));
        Assert.Equal((ushort)(lastForwarded.SequenceNumber + 1), own.SequenceNumber);
        Assert.True((int)(own.Timestamp - lastForwarded.Timestamp) >= 160);
        Assert.True(own.Marker);

        // While it records, the bridge mixes: A's peer is heard through the jitter buffer, not forwarded.
        var forwarded = bridge.B.Counters.RtpForwarded;
        bridge.Rounds(10);
        Assert.False(bridge.Mixer.IsForwarding);
        Assert.Equal(forwarded, bridge.B.Counters.RtpForwarded);
        AssertContinuous(bridge.ToB.Headers, bridge.B.Ssrc);
        Assert.True(bridge.ToB.Rtp.TakeLast(5).All(d => d[^1] == 0x2A), "A's peer is heard, decoded and mixed");
        Assert.NotNull(await bridge.B.StopRecordingAsync());

        // Recording over: forwarding again, the numbers still running on.
        bridge.Rounds(3);
        Assert.True(bridge.B.IsSendingForwarded);
        AssertContinuous(bridge.ToB.Headers, bridge.B.Ssrc);
    }

    [Fact]
    public async Task A_tap_that_wants_frames_stops_forwarding_and_sees_the_received_audio()
    {
        await using var bridge = new ForwardedBridge();
        bridge.Rounds(4);
        var tap = new EnergyTap();
        bridge.A.AddTap(tap);
        bridge.Rounds(8);

        Assert.False(bridge.A.IsForwardingReceived);
        Assert.Equal(8, tap.Frames);
        Assert.True(tap.ReceivedEnergy > 0, "the tap hears A's peer once its packets are decoded again");
        bridge.A.RemoveTap(tap);
        bridge.Rounds(3);
        Assert.True(bridge.A.IsForwardingReceived);
    }

    [Fact]
    public async Task The_answer_audio_buffer_every_leg_carries_holds_forwarding_off_until_it_is_idle_and_again_while_attached()
    {
        await using var bridge = new ForwardedBridge();
        var answer = new AnswerAudioBuffer(seconds: 0.1); // 5 frames
        bridge.A.AddTap(answer);
        bridge.Rounds(4);
        Assert.False(bridge.A.IsForwardingReceived);
        Assert.Equal(4, answer.KeptFrames);

        bridge.Rounds(3); // the fifth frame fills it
        Assert.True(bridge.A.IsForwardingReceived);

        var detector = new EnergyTap();
        answer.Attach(detector);
        bridge.Rounds(6);
        Assert.False(bridge.A.IsForwardingReceived);
        Assert.True(detector.ReceivedEnergy > 0);
    }

    [Fact]
    public async Task A_third_member_stops_forwarding_at_once()
    {
        await using var bridge = new ForwardedBridge();
        bridge.Rounds(4);
        Assert.True(bridge.Mixer.IsForwarding);

        var third = bridge.Mixer.Join("c");

        Assert.False(bridge.A.IsForwardingReceived);
        Assert.False(bridge.B.IsSendingForwarded);
        var before = bridge.ToB.Rtp.Count;
        bridge.DeliverToA(bridge.PeerA.Next());
        Assert.Equal(before, bridge.ToB.Rtp.Count); // decoded, not forwarded
        bridge.Rounds(10);
        Assert.False(bridge.Mixer.IsForwarding);
        AssertContinuous(bridge.ToB.Headers, bridge.B.Ssrc);

        bridge.Mixer.Leave(third);
        bridge.Rounds(3);
        Assert.True(bridge.Mixer.IsForwarding);
    }

    [Fact]
    public async Task Recording_the_mix_stops_forwarding_at_once()
    {
        await using var bridge = new ForwardedBridge();
        bridge.Rounds(4);

        bridge.Mixer.Recorder = new WavRecorder(new MemoryStream());

        Assert.False(bridge.A.IsForwardingReceived);
        Assert.False(bridge.B.IsForwardingReceived);
        bridge.Rounds(5);
        Assert.False(bridge.Mixer.IsForwarding);
        await bridge.Mixer.Recorder.CompleteAsync();
    }

    [Fact]
    public async Task Legs_on_different_codecs_are_decoded_and_mixed_never_forwarded()
    {
        await using var bridge = new ForwardedBridge(b: CodecOptions.Pcma);
        bridge.PeerB.PayloadType = 8;
        bridge.Rounds(20);

        Assert.False(bridge.A.IsForwardingReceived);
        Assert.False(bridge.B.IsForwardingReceived);
        Assert.Equal(0, bridge.A.Counters.RtpForwarded + bridge.B.Counters.RtpForwarded);
    }

    [Fact]
    public async Task A_muted_member_is_not_forwarded_while_it_still_hears_the_other()
    {
        await using var bridge = new ForwardedBridge();
        bridge.MemberA.Muted = true;
        bridge.Rounds(10);

        Assert.False(bridge.A.IsForwardingReceived);
        Assert.True(bridge.B.IsForwardingReceived);
        Assert.True(bridge.ToB.Rtp.TakeLast(3).All(d => d[^1] == 0xFF), "B's peer hears silence from the muted member");
        Assert.True(bridge.ToA.IsForwarded(bridge.ToA.Rtp.Count - 1));
    }

    [Fact]
    public async Task In_band_dtmf_detection_keeps_that_leg_decoded()
    {
        // No telephone-event on A: its received audio must go through the Goertzel detector.
        await using var bridge = new ForwardedBridge(a: new MediaSessionOptions { TelephoneEventPayloadType = null });
        bridge.Rounds(10);

        Assert.False(bridge.A.IsForwardingReceived);
        Assert.True(bridge.B.IsForwardingReceived);
    }

    [Fact]
    public async Task Rfc4733_digits_received_while_forwarding_are_reported_as_before_and_not_forwarded()
    {
        await using var bridge = new ForwardedBridge();
        bridge.Rounds(4);
        Assert.True(bridge.A.IsForwardingReceived);
        var start = bridge.ToB.Rtp.Count;

        // Digit 5, 100 ms: a start, one update, three end packets, all at the event's timestamp.
        var timestamp = bridge.PeerA.Timestamp;
        byte[][] events = [[5, 10, 0, 160], [5, 10, 0x01, 0x40], [5, 0x80 | 10, 0x03, 0x20], [5, 0x80 | 10, 0x03, 0x20], [5, 0x80 | 10, 0x03, 0x20]];
        for (var i = 0; i < events.Length; i++)
        {
            bridge.DeliverToA(new RtpPacketSpec(new RtpHeader(101, bridge.PeerA.Sequence++, timestamp, bridge.PeerA.Ssrc, Marker: i == 0), events[i]));
            bridge.DeliverToB(bridge.PeerB.Next());
            bridge.Tick();
        }

        Assert.True(bridge.A.Events.TryRead(out var received));
        Assert.Equal('5', Assert.IsType<DtmfReceived>(received).Digit.Digit);
        Assert.DoesNotContain(bridge.ToB.Headers.Skip(start), h => h.PayloadType == 101);
    }

    [Fact]
    public async Task Dtmf_sent_on_a_forwarded_leg_takes_its_stream_back_with_numbering_continued()
    {
        await using var bridge = new ForwardedBridge();
        bridge.Rounds(4);

        bridge.B.SendDtmf("7");
        bridge.Rounds(12);

        var sent = bridge.ToB.Headers;
        AssertContinuous(sent, bridge.B.Ssrc);
        var eventAt = sent.FindIndex(h => h.PayloadType == 101);
        Assert.True(bridge.ToB.IsForwarded(eventAt - 1)); // the packet that came before B's tick
        var lastForwarded = sent[eventAt - 1];
        var firstEvent = sent[eventAt];
        Assert.Equal((ushort)(lastForwarded.SequenceNumber + 1), firstEvent.SequenceNumber);
        Assert.True(firstEvent.Marker);
        Assert.True((int)(firstEvent.Timestamp - lastForwarded.Timestamp) >= 160);
        Assert.Equal(7, bridge.B.Counters.TelephoneEventsSent);
    }

    [Fact]
    public async Task A_prompt_played_to_a_leg_is_heard_instead_of_the_forwarded_stream()
    {
        await using var bridge = new ForwardedBridge();
        bridge.Rounds(4);

        var player = new AudioPlayer(new PcmAudio(Signals.Tone(1000, 100), 8000));
        bridge.B.Play(player);
        bridge.Rounds(3);

        Assert.False(bridge.B.IsSendingForwarded);
        Assert.False(bridge.ToB.IsForwarded(bridge.ToB.Rtp.Count - 1));
        Assert.True(Goertzel.EnergyFraction(G711Decode(bridge.ToB.Rtp[^1]), 1000) > 0.5, "B's peer hears the prompt");
        bridge.Rounds(5); // played out (100 ms)
        Assert.True(bridge.A.IsForwardingReceived);
        AssertContinuous(bridge.ToB.Headers, bridge.B.Ssrc);
    }

    [Fact]
    public async Task When_the_source_goes_quiet_the_listener_gets_its_own_silence_every_tick_again()
    {
        await using var bridge = new ForwardedBridge();
        bridge.Rounds(4);
        var before = bridge.ToB.Rtp.Count;

        bridge.Rounds(40, peerA: false);

        Assert.False(bridge.B.IsSendingForwarded);
        var sentWhileQuiet = bridge.ToB.Rtp.Count - before;
        Assert.InRange(sentWhileQuiet, 40 - ForwardingLinkStallTicks, 40); // silence resumes after the stall
        Assert.True(bridge.ToB.Rtp[^1][^1] == 0xFF);

        bridge.Rounds(3);
        Assert.True(bridge.B.IsSendingForwarded);
        AssertContinuous(bridge.ToB.Headers, bridge.B.Ssrc);
    }

    [Fact]
    public async Task A_new_source_ssrc_continues_our_numbering()
    {
        await using var bridge = new ForwardedBridge();
        bridge.Rounds(4);
        bridge.PeerA.Ssrc = 0xABCD;
        bridge.PeerA.Sequence = 60_000;
        bridge.PeerA.Timestamp = 1;
        bridge.Rounds(4);

        AssertContinuous(bridge.ToB.Headers, bridge.B.Ssrc);
    }

    [Fact]
    public async Task Leaving_the_bridge_stops_forwarding_and_a_disposed_leg_forwards_nothing()
    {
        await using var bridge = new ForwardedBridge();
        bridge.Rounds(4);

        bridge.A.LeaveMixer(bridge.Mixer);

        Assert.False(bridge.A.IsForwardingReceived);
        Assert.False(bridge.B.IsSendingForwarded);
        Assert.False(bridge.A.IsSendingForwarded);
        var before = bridge.ToB.Rtp.Count;
        bridge.DeliverToA(bridge.PeerA.Next());
        Assert.Equal(before, bridge.ToB.Rtp.Count);
    }

    private const int ForwardingLinkStallTicks = 25;

    private static short[] G711Decode(byte[] datagram)
    {
        var samples = new short[datagram.Length - RtpHeader.FixedSize];
        AudioCodec.Pcmu.Decode(datagram.AsSpan(RtpHeader.FixedSize), samples);
        return samples;
    }

    // Our SSRC throughout, sequence numbers +1 each, timestamps never back (and forward for each audio packet).
    private static void AssertContinuous(List<RtpHeader> sent, uint ssrc)
    {
        Assert.All(sent, h => Assert.Equal(ssrc, h.Ssrc));
        for (var i = 1; i < sent.Count; i++)
        {
            Assert.True((ushort)(sent[i - 1].SequenceNumber + 1) == sent[i].SequenceNumber, $"sequence at {i}: {sent[i - 1].SequenceNumber} → {sent[i].SequenceNumber}");
            var step = (int)(sent[i].Timestamp - sent[i - 1].Timestamp);
            var bothAudio = sent[i].PayloadType == 0 && sent[i - 1].PayloadType == 0;
            Assert.True(bothAudio ? step >= 160 : step >= 0, $"timestamp at {i}: {sent[i - 1].Timestamp} → {sent[i].Timestamp}");
        }
    }

    private sealed class EnergyTap : IMediaFrameTap
    {
        public int Frames { get; private set; }

        public long ReceivedEnergy { get; private set; }

        public void OnFrame(ReadOnlySpan<short> received, ReadOnlySpan<short> sent)
        {
            Frames++;
            foreach (var r in received)
            {
                ReceivedEnergy += Math.Abs((int)r);
            }
        }
    }
}
