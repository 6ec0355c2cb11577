using System.Net;
using Voice.Media.Clock;
using Voice.Media.Rtp;
using Voice.Media.Sessions;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Fuzz;

/// <summary>
/// The media session's receive and tick paths fed the RTP/RTCP mutants in-process, where an exception would
/// otherwise be swallowed (and counted) by the socket loop or the media clock.
/// </summary>
public sealed class MediaSessionFuzzTests
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("VOICE_FUZZ_SEED"), out var seed) ? seed : 4733;

    [Fact]
    public async Task Session_takes_thousands_of_malformed_rtp_and_rtcp_datagrams_without_throwing()
    {
        var random = new Random(Seed);
        var transport = new CountingTransport();
        await using var session = new MediaSession(new MediaSessionOptions { TelephoneEventPayloadType = 101 }, transport);
        var from = new IPEndPoint(IPAddress.Loopback, 4000).Serialize();

        for (var i = 0; i < 5000; i++)
        {
            var failure = Record.Exception(() =>
            {
                session.OnRtp(RtpMutator.Rtp(random, [0, 101]), from);
                session.OnRtcp(RtpMutator.Rtcp(random), from);
                if (i % 10 == 0)
                {
                    session.OnTick(new MediaTick(i, 0));
                }
            });
            Assert.True(failure is null, $"seed {Seed}, datagram {i}: {failure}");
        }

        Assert.True(transport.RtpSent > 0);
        Assert.True(session.Counters.RtpMalformed > 0 && session.Counters.RtcpMalformed > 0);
    }

    [Fact]
    public async Task Socket_pair_drops_sends_to_an_ipv6_remote_instead_of_throwing()
    {
        var first = FreePorts.NextBlock(2);
        var ports = new RtpPortAllocator(first, first + 1, IPAddress.Loopback);
        await using var sockets = ports.Allocate();
        sockets.SetRemote(new IPEndPoint(IPAddress.IPv6Loopback, 4000));

        Assert.False(sockets.SendRtp(new byte[12]));
        Assert.False(sockets.SendRtcp(new byte[8]));
        Assert.Equal(2, sockets.SendErrors);
    }

    private sealed class CountingTransport : IRtpTransport
    {
        public int RtpSent { get; private set; }

        public bool SendRtp(ReadOnlySpan<byte> datagram)
        {
            RtpSent++;
            return true;
        }

        public bool SendRtcp(ReadOnlySpan<byte> datagram) => true;
    }
}
