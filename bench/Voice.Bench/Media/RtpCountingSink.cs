using System.Net;
using Voice.Media.Rtp;

namespace Voice.Bench.Media;

/// <summary>Counts the RTP packets the benchmark's receivers got.</summary>
internal sealed class RtpCountingSink : IRtpPacketSink
{
    private long _rtp;

    public long Rtp => Interlocked.Read(ref _rtp);

    public void OnRtp(ReadOnlySpan<byte> datagram, SocketAddress from) => Interlocked.Increment(ref _rtp);

    public void OnRtcp(ReadOnlySpan<byte> datagram, SocketAddress from)
    {
    }
}
