using System.Net;
using Voice.Media.Clock;
using Voice.Media.Codecs;
using Voice.Media.Mixing;
using Voice.Media.Rtp;
using Voice.Media.Sessions;

namespace Voice.Media.Tests.Mixing;

/// <summary>
/// Two media sessions on capturing transports joined in a two-member mixer, as the node bridges two calls, driven by
/// hand: each round delivers one 20 ms packet from each peer (unless told not to), then ticks A, B and the mixer.
/// </summary>
internal sealed class ForwardedBridge : IAsyncDisposable
{
    private static readonly SocketAddress From = new IPEndPoint(IPAddress.Loopback, 40000).Serialize();
    private readonly byte[] _datagram = new byte[1500];
    private long _tick;

    public ForwardedBridge(MediaSessionOptions? a = null, MediaSessionOptions? b = null)
    {
        A = new MediaSession(a ?? new MediaSessionOptions(), ToA);
        B = new MediaSession(b ?? new MediaSessionOptions(), ToB);
        MemberA = A.JoinMixer(Mixer, "a");
        MemberB = B.JoinMixer(Mixer, "b");
    }

    public ConferenceMixer Mixer { get; } = new();

    public MediaSession A { get; }

    public MediaSession B { get; }

    public MixerParticipant MemberA { get; }

    public MixerParticipant MemberB { get; }

    /// <summary>What A sends to its peer.</summary>
    public CapturingTransport ToA { get; } = new();

    /// <summary>What B sends to its peer.</summary>
    public CapturingTransport ToB { get; } = new();

    /// <summary>A's peer's stream (what A receives).</summary>
    public PeerStream PeerA { get; } = new(0x1111_0000, 100, 50_000);

    /// <summary>B's peer's stream.</summary>
    public PeerStream PeerB { get; } = new(0x2222_0000, 7_000, 900_000);

    /// <summary>Runs <paramref name="count"/> rounds: a packet from each peer that is not quiet, then one tick of A, B and the mixer.</summary>
    public void Rounds(int count, bool peerA = true, bool peerB = true)
    {
        for (var i = 0; i < count; i++)
        {
            if (peerA)
            {
                DeliverToA(PeerA.Next());
            }

            if (peerB)
            {
                DeliverToB(PeerB.Next());
            }

            Tick();
        }
    }

    /// <summary>One tick of A, B and the mixer, in the order the clock could run them.</summary>
    public void Tick()
    {
        var tick = new MediaTick(_tick++, 0);
        A.OnTick(tick);
        B.OnTick(tick);
        Mixer.OnTick(tick);
    }

    public void DeliverToA(RtpPacketSpec packet) => A.OnRtp(Write(packet), From);

    public void DeliverToB(RtpPacketSpec packet) => B.OnRtp(Write(packet), From);

    public async ValueTask DisposeAsync()
    {
        B.LeaveMixer(Mixer);
        A.LeaveMixer(Mixer);
        await A.DisposeAsync();
        await B.DisposeAsync();
    }

    private ReadOnlySpan<byte> Write(RtpPacketSpec packet)
    {
        var length = RtpPacket.Write(_datagram, packet.Header, packet.Payload);
        return _datagram.AsSpan(0, length);
    }
}

/// <summary>A packet a test peer sends: its header and payload.</summary>
internal sealed record RtpPacketSpec(RtpHeader Header, byte[] Payload);

/// <summary>A peer's 20 ms PCMU stream: its own SSRC, sequence and timestamps; each payload tagged with its sequence number.</summary>
internal sealed class PeerStream(uint ssrc, ushort sequence, uint timestamp)
{
    public uint Ssrc { get; set; } = ssrc;

    public ushort Sequence { get; set; } = sequence;

    public uint Timestamp { get; set; } = timestamp;

    public byte PayloadType { get; set; }

    /// <summary>The next packet (sequence + 1, timestamp + 160).</summary>
    public RtpPacketSpec Next()
    {
        var packet = new RtpPacketSpec(new RtpHeader(PayloadType, Sequence, Timestamp, Ssrc), Payload(Sequence));
        Sequence++;
        Timestamp += 160;
        return packet;
    }

    /// <summary>A payload that says which packet it is (never μ-law silence, so it is told from our own frames).</summary>
    public static byte[] Payload(ushort sequence)
    {
        var payload = new byte[160];
        payload[0] = (byte)(sequence >> 8);
        payload[1] = (byte)sequence;
        payload.AsSpan(2).Fill(0x2A);
        return payload;
    }
}

/// <summary>Keeps every datagram a session sends, parsed.</summary>
internal sealed class CapturingTransport : IRtpTransport
{
    public List<byte[]> Rtp { get; } = [];

    public List<RtpHeader> Headers => [.. Rtp.Select(d => { Assert.True(RtpPacket.TryParse(d, out var p)); return p.Header; })];

    public bool SendRtp(ReadOnlySpan<byte> datagram)
    {
        Rtp.Add(datagram.ToArray());
        return true;
    }

    public bool SendRtcp(ReadOnlySpan<byte> datagram) => true;

    /// <summary>True when datagram <paramref name="index"/> carries a peer payload made by <see cref="PeerStream.Payload"/> (a forwarded packet).</summary>
    public bool IsForwarded(int index) => Rtp[index].Length == RtpHeader.FixedSize + 160 && Rtp[index][RtpHeader.FixedSize + 2] == 0x2A && Rtp[index][^1] == 0x2A;

    /// <summary>The peer sequence number a forwarded datagram carries in its payload.</summary>
    public ushort ForwardedSequence(int index) => (ushort)((Rtp[index][RtpHeader.FixedSize] << 8) | Rtp[index][RtpHeader.FixedSize + 1]);
}

internal static class CodecOptions
{
    public static MediaSessionOptions Pcma => new() { Codec = AudioCodec.Pcma, PayloadType = 8 };
}
