namespace Voice.Media.Rtp;

/// <summary>RTCP packet types (RFC 3550 §12.1).</summary>
public enum RtcpPacketType : byte
{
    /// <summary>Sender report.</summary>
    SenderReport = 200,

    /// <summary>Receiver report.</summary>
    ReceiverReport = 201,

    /// <summary>Source description.</summary>
    SourceDescription = 202,

    /// <summary>Goodbye.</summary>
    Bye = 203,

    /// <summary>Application-defined.</summary>
    Application = 204,
}

/// <summary>An RTCP sender report (RFC 3550 §6.4.1).</summary>
/// <param name="Ssrc">Sender's SSRC.</param>
/// <param name="NtpTimestamp">64-bit NTP wallclock time of this report.</param>
/// <param name="RtpTimestamp">The same instant in the sender's RTP timestamp units.</param>
/// <param name="PacketCount">Packets sent since the stream started.</param>
/// <param name="OctetCount">Payload octets sent since the stream started.</param>
/// <param name="Reports">Reception report blocks (at most 31).</param>
public sealed record RtcpSenderReport(uint Ssrc, ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount, IReadOnlyList<RtcpReportBlock> Reports);

/// <summary>An RTCP receiver report (RFC 3550 §6.4.2).</summary>
/// <param name="Ssrc">Reporter's SSRC.</param>
/// <param name="Reports">Reception report blocks (at most 31).</param>
public sealed record RtcpReceiverReport(uint Ssrc, IReadOnlyList<RtcpReportBlock> Reports);

/// <summary>One SDES chunk (RFC 3550 §6.5) reduced to the CNAME item; other items are skipped on parse.</summary>
/// <param name="Ssrc">The source described.</param>
/// <param name="CanonicalName">CNAME (UTF-8, at most 255 bytes).</param>
public sealed record RtcpSourceDescription(uint Ssrc, string CanonicalName);

/// <summary>An RTCP BYE (RFC 3550 §6.6).</summary>
/// <param name="Ssrcs">Sources leaving (at most 31).</param>
/// <param name="Reason">Optional reason text.</param>
public sealed record RtcpBye(IReadOnlyList<uint> Ssrcs, string? Reason = null);
