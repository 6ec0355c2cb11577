namespace Voice.Media.Rtp;

/// <summary>Where a session's outgoing RTP and RTCP go (an <see cref="RtpSocketPair"/> in production).</summary>
public interface IRtpTransport
{
    /// <summary>Sends one RTP datagram; false when it was dropped.</summary>
    bool SendRtp(ReadOnlySpan<byte> datagram);

    /// <summary>Sends one RTCP datagram; false when it was dropped.</summary>
    bool SendRtcp(ReadOnlySpan<byte> datagram);
}
