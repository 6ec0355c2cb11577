using System.Net;
using System.Net.Sockets;
using Voice.Media.Clock;
using Voice.Media.Codecs;
using Voice.Media.Dtmf;
using Voice.Media.Mixing;
using Voice.Media.Rtp;
using Voice.Media.Sessions;
using Voice.Testing;

namespace Voice.Media.Tests.Mixing;

/// <summary>
/// A bridge of two sessions on real sockets (the receive poller, a real media clock) between two peers on 127.0.0.1:
/// once the bridge forwards, each peer's packets reach the other as they come, on the leg's SSRC with its numbering
/// running on from the mixed packets before.
/// </summary>
public sealed class BridgeForwardingLoopbackTests : IAsyncDisposable
{
    private readonly MediaClock _clock = new(spinMicroseconds: 200, phases: 4);
    private readonly RtpPortAllocator _ports;
    private readonly Socket _peerA = Peer();
    private readonly Socket _peerB = Peer();
    private readonly CancellationTokenSource _stop = new();

    public BridgeForwardingLoopbackTests()
    {
        var start = FreePorts.NextBlock(8);
        _ports = new RtpPortAllocator(start, start + 7, IPAddress.Loopback);
        _clock.Start();
    }

    [Fact]
    public async Task Each_peer_hears_the_other_through_the_forwarded_bridge_with_continuous_numbering()
    {
        var legA = _ports.Allocate();
        var legB = _ports.Allocate();
        legA.SetRemote((IPEndPoint)_peerA.LocalEndPoint!);
        legB.SetRemote((IPEndPoint)_peerB.LocalEndPoint!);
        var mixer = new ConferenceMixer();
        await using var a = new MediaSession(new MediaSessionOptions(), legA);
        await using var b = new MediaSession(new MediaSessionOptions(), legB);
        a.JoinMixer(mixer, "a");
        b.JoinMixer(mixer, "b");
        foreach (IMediaClockTarget target in new IMediaClockTarget[] { a, b, mixer })
        {
            _clock.Register(target);
        }

        var sending = Task.WhenAll(SendToneAsync(_peerA, legA.LocalRtp, 500, 0x0A0A), SendToneAsync(_peerB, legB.LocalRtp, 1700, 0x0B0B));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var heardByB = await ReceiveUntilForwardedAsync(_peerB, b, 50, timeout.Token);
        var heardByA = await ReceiveUntilForwardedAsync(_peerA, a, 50, timeout.Token);
        await _stop.CancelAsync();
        await sending;
        foreach (IMediaClockTarget target in new IMediaClockTarget[] { a, b, mixer })
        {
            _clock.Unregister(target);
        }

        b.LeaveMixer(mixer);
        a.LeaveMixer(mixer);
        AssertOurStream(heardByB, b.Ssrc, 500);
        AssertOurStream(heardByA, a.Ssrc, 1700);
        Assert.True(b.Counters.RtpForwarded >= 50, $"forwarded to B's peer: {b.Counters.RtpForwarded}, sent {b.Counters.RtpSent}, heard {heardByB.Count}");
        Assert.True(a.Counters.RtpForwarded >= 50, $"forwarded to A's peer: {a.Counters.RtpForwarded}, sent {a.Counters.RtpSent}, heard {heardByA.Count}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _clock.Dispose();
        _peerA.Dispose();
        _peerB.Dispose();
        _stop.Dispose();
    }

    private static Socket Peer()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    // A peer's 20 ms PCMU tone until the test stops it.
    private async Task SendToneAsync(Socket peer, IPEndPoint to, double hz, uint ssrc)
    {
        var pcm = new short[160];
        var payload = new byte[160];
        var datagram = new byte[200];
        ushort sequence = 1;
        uint timestamp = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                for (var i = 0; i < pcm.Length; i++)
                {
                    pcm[i] = (short)(8000 * Math.Sin(2 * Math.PI * hz * (timestamp + i) / 8000));
                }

                AudioCodec.Pcmu.Encode(pcm, payload);
                var length = RtpPacket.Write(datagram, new RtpHeader(0, sequence++, timestamp, ssrc), payload);
                timestamp += 160;
                await peer.SendToAsync(datagram.AsMemory(0, length), to, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // Everything the peer receives until the leg has forwarded `forwarded` packets to it.
    private static async Task<List<(RtpHeader Header, short[] Samples)>> ReceiveUntilForwardedAsync(Socket peer, MediaSession leg, int forwarded, CancellationToken cancellationToken)
    {
        var heard = new List<(RtpHeader, short[])>();
        var buffer = new byte[2048];
        while (leg.Counters.RtpForwarded < forwarded)
        {
            var received = await peer.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (!RtpPacket.TryParse(buffer.AsSpan(0, received), out var packet))
            {
                continue; // RTCP goes to the next port; nothing else comes here
            }

            var samples = new short[packet.Payload.Length];
            AudioCodec.Pcmu.Decode(packet.Payload, samples);
            heard.Add((packet.Header, samples));
        }

        return heard;
    }

    private static void AssertOurStream(List<(RtpHeader Header, short[] Samples)> heard, uint ssrc, double hz)
    {
        Assert.All(heard, h => Assert.Equal(ssrc, h.Header.Ssrc));
        for (var i = 1; i < heard.Count; i++)
        {
            Assert.True((ushort)(heard[i - 1].Header.SequenceNumber + 1) == heard[i].Header.SequenceNumber, $"sequence at {i}");
            Assert.True((int)(heard[i].Header.Timestamp - heard[i - 1].Header.Timestamp) >= 160, $"timestamp at {i}");
        }

        // The last packets are forwarded ones: the peer's own tone, as it was sent.
        Assert.All(heard.TakeLast(20), h => Assert.True(Goertzel.EnergyFraction(h.Samples, hz) > 0.8, $"{hz} Hz"));
    }
}
