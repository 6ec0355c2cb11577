using System.Buffers.Binary;
using System.Text;

namespace Voice.Media.Rtp;

/// <summary>
/// A compound RTCP packet (RFC 3550 §6.1): SR/RR first, then SDES, BYE. <see cref="TryParse"/> validates every
/// contained packet (version 2, lengths inside the datagram, padding only on the last one, first packet SR or RR
/// or BYE) and returns false instead of throwing; unknown packet types are skipped and counted. RTCP is
/// low-rate, so parsing allocates a small object graph.
/// </summary>
public sealed class RtcpCompoundPacket
{
    private const int HeaderSize = 4;

    /// <summary>Sender reports in the packet.</summary>
    public List<RtcpSenderReport> SenderReports { get; } = [];

    /// <summary>Receiver reports in the packet.</summary>
    public List<RtcpReceiverReport> ReceiverReports { get; } = [];

    /// <summary>SDES chunks that carried a CNAME.</summary>
    public List<RtcpSourceDescription> SourceDescriptions { get; } = [];

    /// <summary>BYE packets.</summary>
    public List<RtcpBye> Byes { get; } = [];

    /// <summary>Packets of types this implementation does not interpret (APP, feedback, XR).</summary>
    public int UnknownPackets { get; private set; }

    /// <summary>Parses a compound packet; false when any contained packet is malformed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpCompoundPacket packet)
    {
        packet = new RtcpCompoundPacket();
        return Walk(data, packet, out _);
    }

    /// <summary>
    /// Checks a compound packet as <see cref="TryParse"/> does, without building it (nothing is allocated), and counts
    /// its BYE packets: what a session needs from every RTCP packet it receives; it parses only one that says BYE.
    /// </summary>
    public static bool TryValidate(ReadOnlySpan<byte> data, out int byePackets) => Walk(data, null, out byePackets);

    private static bool Walk(ReadOnlySpan<byte> data, RtcpCompoundPacket? into, out int byePackets)
    {
        byePackets = 0;
        if (data.Length < HeaderSize)
        {
            return false;
        }

        var first = true;
        while (!data.IsEmpty)
        {
            if (data.Length < HeaderSize || data[0] >> 6 != 2)
            {
                return false;
            }

            var length = (BinaryPrimitives.ReadUInt16BigEndian(data[2..]) + 1) * 4;
            if (length > data.Length)
            {
                return false;
            }

            var type = data[1];
            if (first && type is not ((byte)RtcpPacketType.SenderReport or (byte)RtcpPacketType.ReceiverReport or (byte)RtcpPacketType.Bye))
            {
                return false;
            }

            var body = data[HeaderSize..length];
            var isLast = length == data.Length;
            if ((data[0] & 0x20) != 0)
            {
                var padding = data[length - 1];
                if (!isLast || padding == 0 || padding > body.Length)
                {
                    return false;
                }

                body = body[..^padding];
            }

            if (!ParseOne(into, type, data[0] & 0x1F, body))
            {
                return false;
            }

            if (type == (byte)RtcpPacketType.Bye)
            {
                byePackets++;
            }

            first = false;
            data = data[length..];
        }

        return true;
    }

    /// <summary>
    /// Writes the packet (SRs, RRs, SDES, BYEs in that order) into <paramref name="destination"/>; returns the
    /// length, or -1 when it does not fit or a list exceeds what the 5-bit count can carry. Allocates nothing (a
    /// session sends one every few seconds for each leg).
    /// </summary>
    public int Write(Span<byte> destination)
    {
        var offset = 0;
        foreach (var sr in SenderReports)
        {
            if (!TryStart(destination, ref offset, RtcpPacketType.SenderReport, sr.Reports.Count, 24 + (sr.Reports.Count * RtcpReportBlock.Size), out var body))
            {
                return -1;
            }

            BinaryPrimitives.WriteUInt32BigEndian(body, sr.Ssrc);
            BinaryPrimitives.WriteUInt64BigEndian(body[4..], sr.NtpTimestamp);
            BinaryPrimitives.WriteUInt32BigEndian(body[12..], sr.RtpTimestamp);
            BinaryPrimitives.WriteUInt32BigEndian(body[16..], sr.PacketCount);
            BinaryPrimitives.WriteUInt32BigEndian(body[20..], sr.OctetCount);
            WriteBlocks(body[24..], sr.Reports);
        }

        foreach (var rr in ReceiverReports)
        {
            if (!TryStart(destination, ref offset, RtcpPacketType.ReceiverReport, rr.Reports.Count, 4 + (rr.Reports.Count * RtcpReportBlock.Size), out var body))
            {
                return -1;
            }

            BinaryPrimitives.WriteUInt32BigEndian(body, rr.Ssrc);
            WriteBlocks(body[4..], rr.Reports);
        }

        if (SourceDescriptions.Count > 0 && !TryWriteSdes(destination, ref offset))
        {
            return -1;
        }

        foreach (var bye in Byes)
        {
            var reasonLength = bye.Reason is null ? 0 : Encoding.UTF8.GetByteCount(bye.Reason);
            if (reasonLength > 255)
            {
                return -1;
            }

            var reasonBytes = bye.Reason is null ? 0 : Align4(1 + reasonLength);
            if (!TryStart(destination, ref offset, RtcpPacketType.Bye, bye.Ssrcs.Count, (bye.Ssrcs.Count * 4) + reasonBytes, out var body))
            {
                return -1;
            }

            for (var i = 0; i < bye.Ssrcs.Count; i++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(body[(i * 4)..], bye.Ssrcs[i]);
            }

            if (bye.Reason is not null)
            {
                var r = body[(bye.Ssrcs.Count * 4)..];
                r.Clear();
                r[0] = (byte)reasonLength;
                Encoding.UTF8.GetBytes(bye.Reason, r[1..]);
            }
        }

        return offset;
    }

    private static int Align4(int n) => (n + 3) & ~3;

    private static void WriteBlocks(Span<byte> destination, IReadOnlyList<RtcpReportBlock> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            blocks[i].Write(destination[(i * RtcpReportBlock.Size)..]);
        }
    }

    // Writes one packet's header at offset and hands back its body; false when it does not fit or cannot be counted.
    private static bool TryStart(Span<byte> destination, ref int offset, RtcpPacketType type, int count, int bodyLength, out Span<byte> body)
    {
        var total = HeaderSize + bodyLength;
        if (count > 31 || total % 4 != 0 || offset + total > destination.Length)
        {
            body = default;
            return false;
        }

        var packet = destination.Slice(offset, total);
        packet[0] = (byte)(0x80 | count);
        packet[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], (ushort)((total / 4) - 1));
        body = packet[HeaderSize..];
        offset += total;
        return true;
    }

    private bool TryWriteSdes(Span<byte> destination, ref int offset)
    {
        // Each chunk: SSRC, CNAME item (type 1, length, text), then a null item terminating the list, padded to 4.
        var bodyLength = 0;
        foreach (var description in SourceDescriptions)
        {
            var nameLength = Encoding.UTF8.GetByteCount(description.CanonicalName);
            if (nameLength > 255)
            {
                return false;
            }

            bodyLength += 4 + Align4(2 + nameLength + 1);
        }

        if (!TryStart(destination, ref offset, RtcpPacketType.SourceDescription, SourceDescriptions.Count, bodyLength, out var body))
        {
            return false;
        }

        body.Clear();
        var at = 0;
        foreach (var description in SourceDescriptions)
        {
            BinaryPrimitives.WriteUInt32BigEndian(body[at..], description.Ssrc);
            body[at + 4] = 1;
            var nameLength = Encoding.UTF8.GetBytes(description.CanonicalName, body[(at + 6)..]);
            body[at + 5] = (byte)nameLength;
            at += 4 + Align4(2 + nameLength + 1);
        }

        return true;
    }

    // Each parser checks its packet; with a packet to fill (into) it also adds what it read.
    private static bool ParseOne(RtcpCompoundPacket? into, byte type, int count, ReadOnlySpan<byte> body)
    {
        switch (type)
        {
            case (byte)RtcpPacketType.SenderReport:
                if (body.Length < 24 + (count * RtcpReportBlock.Size))
                {
                    return false;
                }

                into?.SenderReports.Add(new RtcpSenderReport(
                    BinaryPrimitives.ReadUInt32BigEndian(body),
                    BinaryPrimitives.ReadUInt64BigEndian(body[4..]),
                    BinaryPrimitives.ReadUInt32BigEndian(body[12..]),
                    BinaryPrimitives.ReadUInt32BigEndian(body[16..]),
                    BinaryPrimitives.ReadUInt32BigEndian(body[20..]),
                    ReadBlocks(body[24..], count)));
                return true;
            case (byte)RtcpPacketType.ReceiverReport:
                if (body.Length < 4 + (count * RtcpReportBlock.Size))
                {
                    return false;
                }

                into?.ReceiverReports.Add(new RtcpReceiverReport(BinaryPrimitives.ReadUInt32BigEndian(body), ReadBlocks(body[4..], count)));
                return true;
            case (byte)RtcpPacketType.SourceDescription:
                return ParseSdes(into, count, body);
            case (byte)RtcpPacketType.Bye:
                return ParseBye(into, count, body);
            default:
                if (into is not null)
                {
                    into.UnknownPackets++;
                }

                return true;
        }
    }

    private static RtcpReportBlock[] ReadBlocks(ReadOnlySpan<byte> data, int count)
    {
        var blocks = new RtcpReportBlock[count];
        for (var i = 0; i < count; i++)
        {
            blocks[i] = RtcpReportBlock.Read(data[(i * RtcpReportBlock.Size)..]);
        }

        return blocks;
    }

    private static bool ParseSdes(RtcpCompoundPacket? into, int count, ReadOnlySpan<byte> body)
    {
        var at = 0;
        for (var chunk = 0; chunk < count; chunk++)
        {
            if (at + 4 > body.Length)
            {
                return false;
            }

            var ssrc = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
            at += 4;
            string? cname = null;
            while (true)
            {
                if (at >= body.Length)
                {
                    return false;
                }

                var itemType = body[at];
                if (itemType == 0)
                {
                    // End of the item list; the chunk is padded to the next 32-bit boundary.
                    at = Align4(at + 1);
                    break;
                }

                if (at + 2 > body.Length || at + 2 + body[at + 1] > body.Length)
                {
                    return false;
                }

                var text = body.Slice(at + 2, body[at + 1]);
                if (itemType == 1 && into is not null)
                {
                    cname = Encoding.UTF8.GetString(text);
                }

                at += 2 + text.Length;
            }

            if (cname is not null)
            {
                into!.SourceDescriptions.Add(new RtcpSourceDescription(ssrc, cname));
            }
        }

        return true;
    }

    private static bool ParseBye(RtcpCompoundPacket? into, int count, ReadOnlySpan<byte> body)
    {
        if (body.Length < count * 4)
        {
            return false;
        }

        var rest = body[(count * 4)..];
        if (!rest.IsEmpty && 1 + rest[0] > rest.Length)
        {
            return false;
        }

        if (into is null)
        {
            return true;
        }

        var ssrcs = new uint[count];
        for (var i = 0; i < count; i++)
        {
            ssrcs[i] = BinaryPrimitives.ReadUInt32BigEndian(body[(i * 4)..]);
        }

        var reason = rest.IsEmpty ? null : Encoding.UTF8.GetString(rest.Slice(1, rest[0]));
        into.Byes.Add(new RtcpBye(ssrcs, reason));
        return true;
    }
}
