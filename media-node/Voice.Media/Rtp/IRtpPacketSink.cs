using System.Net;

namespace Voice.Media.Rtp;

/// <summary>
/// Receives datagrams from an <see cref="RtpSocketPair"/>'s receive loops. The spans are only valid during the
/// call (the buffer is reused for the next datagram). Called on a thread-pool thread, one call at a time per
/// socket; implementations must not block.
/// </summary>
public interface IRtpPacketSink
{
    /// <summary>A datagram arrived on the RTP port.</summary>
    void OnRtp(ReadOnlySpan<byte> datagram, SocketAddress from);

    /// <summary>A datagram arrived on the RTCP port.</summary>
    void OnRtcp(ReadOnlySpan<byte> datagram, SocketAddress from);
}
