using System.Net;
using Voice.Media.Clock;
using Voice.Media.Dtmf;
using Voice.Media.Playback;
using Voice.Media.Rtp;
using Voice.Media.Sessions;
using Voice.Media.Taps;

namespace Voice.Media.Tests.Sessions;

public class MediaSessionTests
{
    [Fact]
    public async Task Sequence_and_timestamps_run_on_across_dtmf_events_with_markers_after_each()
    {
        var transport = new CapturingTransport();
        await using var session = new MediaSession(new MediaSessionOptions { TelephoneEventPayloadType = 101 }, transport);
        session.Play(new ToneSource(440));
        Tick(session, 3);
        session.SendDtmf("1");
        Tick(session, 20);

        var packets = transport.Rtp.Select(Parse).ToList();
        Assert.Equal(23, packets.Count);
        Assert.All(packets.Zip(packets.Skip(1)), p => Assert.Equal((ushort)(p.First.SequenceNumber + 1), p.Second.SequenceNumber));
        Assert.True(packets[0].Marker);
        var events = packets.Where(p => p.PayloadType == 101).ToList();
        Assert.Equal(7, events.Count);
        Assert.All(events, e => Assert.Equal(packets[3].Timestamp, e.Timestamp));
        var firstAudioAfter = packets.First(p => p.PayloadType == 0 && p.SequenceNumber == (ushort)(events[^1].SequenceNumber + 1));
        Assert.True(firstAudioAfter.Marker);
        Assert.Equal(packets[0].Timestamp + (uint)((packets.IndexOf(firstAudioAfter)) * 160), firstAudioAfter.Timestamp);
        Assert.Single(packets.Skip(1), p => p.PayloadType == 0 && p.Marker);
    }

    [Fact]
    public async Task Malformed_and_unknown_packets_are_counted_not_thrown()
    {
        await using var session = new MediaSession(new MediaSessionOptions(), new CapturingTransport());
        var from = new IPEndPoint(IPAddress.Loopback, 1).Serialize();
        var buffer = new byte[64];
        var length = RtpPacket.Write(buffer, new RtpHeader(99, 1, 1, 1), [1, 2]);

        session.OnRtp([1, 2, 3], from);
        session.OnRtp(buffer.AsSpan(0, length), from);
        session.OnRtcp([0x80, 0xC9, 0, 9], from);

        var counters = session.Counters;
        Assert.Equal(1, counters.RtpMalformed);
        Assert.Equal(1, counters.RtpUnknownPayloadType);
        Assert.Equal(1, counters.RtcpMalformed);
    }

    [Fact]
    public async Task Finished_playback_is_reported_and_falls_back_to_silence()
    {
        var transport = new CapturingTransport();
        await using var session = new MediaSession(new MediaSessionOptions(), transport);
        var player = new AudioPlayer(new PcmAudio(Signals.Tone(1000, 40), 8000));
        session.Play(player);

        Tick(session, 4);

        Assert.True(session.Events.TryRead(out var finished));
        Assert.Equal(new PlaybackFinished(player, false), finished);
        Assert.Equal(0xFF, transport.Rtp[^1][^1]); // μ-law silence
    }

    [Fact]
    public async Task Received_rfc4733_digit_is_reported_and_stops_a_barge_in_player()
    {
        await using var session = new MediaSession(new MediaSessionOptions { TelephoneEventPayloadType = 96 }, new CapturingTransport());
        var player = new AudioPlayer(new PcmAudio(Signals.Tone(1000, 1000), 8000), bargeIn: true);
        session.Play(player);
        Tick(session, 2);
        var from = new IPEndPoint(IPAddress.Loopback, 1).Serialize();
        var buffer = new byte[64];
        byte[] end = [9, 0x80 | 10, 0x03, 0x20];

        for (var i = 0; i < 3; i++)
        {
            session.OnRtp(buffer.AsSpan(0, RtpPacket.Write(buffer, new RtpHeader(96, (ushort)i, 1000, 5), end)), from);
        }

        Tick(session, 1);

        Assert.True(player.WasStopped);
        Assert.True(session.Events.TryRead(out var first));
        Assert.Equal(new DtmfReceived(new DtmfDigitDetected('9', 100, DtmfSource.Rfc4733)), first);
        Assert.True(session.Events.TryRead(out var second));
        Assert.Equal(new PlaybackFinished(player, true), second);
        Assert.False(session.Events.TryRead(out _));
        Assert.Equal(3, session.Counters.TelephoneEventsReceived);
    }

    [Fact]
    public async Task Sending_dtmf_without_telephone_event_is_refused()
    {
        await using var session = new MediaSession(new MediaSessionOptions { TelephoneEventPayloadType = null }, new CapturingTransport());

        Assert.Throws<InvalidOperationException>(() => session.SendDtmf("1"));
    }

    [Fact]
    public async Task A_tap_sees_each_sent_frame_until_removed()
    {
        await using var session = new MediaSession(new MediaSessionOptions(), new CapturingTransport());
        var tap = new CountingTap();
        session.Play(new ToneSource(1000));
        session.AddTap(tap);
        Tick(session, 3);
        session.RemoveTap(tap);
        Tick(session, 2);

        Assert.Equal(3, tap.Frames);
        Assert.True(tap.SentEnergy > 0);
        Assert.Equal(0, tap.ReceivedEnergy); // nothing was received: the jitter buffer gives silence
    }

    private sealed class CountingTap : IMediaFrameTap
    {
        public int Frames { get; private set; }

        public long SentEnergy { get; private set; }

        public long ReceivedEnergy { get; private set; }

        public void OnFrame(ReadOnlySpan<short> received, ReadOnlySpan<short> sent)
        {
            Assert.Equal(160, received.Length);
            Assert.Equal(160, sent.Length);
            Frames++;
            foreach (var s in sent)
            {
                SentEnergy += Math.Abs((int)s);
            }

            foreach (var r in received)
            {
                ReceivedEnergy += Math.Abs((int)r);
            }
        }
    }

    private static void Tick(MediaSession session, int count)
    {
        for (var i = 0; i < count; i++)
        {
            session.OnTick(new MediaTick(i, 0));
        }
    }

    private static RtpHeader Parse(byte[] datagram)
    {
        Assert.True(RtpPacket.TryParse(datagram, out var packet));
        return packet.Header;
    }

    private sealed class CapturingTransport : IRtpTransport
    {
        public List<byte[]> Rtp { get; } = [];

        public bool SendRtp(ReadOnlySpan<byte> datagram)
        {
            Rtp.Add(datagram.ToArray());
            return true;
        }

        public bool SendRtcp(ReadOnlySpan<byte> datagram) => true;
    }
}
