using System.Buffers.Binary;

namespace Voice.MediaNode.Tests.Fuzz;

/// <summary>
/// RTP and RTCP datagrams from plausible to hostile (RFC 3550, RFC 4733): wrong versions, padding bits with zero
/// or oversized padding counts, CSRC counts beyond the packet, header extensions cut short, telephone-event payloads
/// truncated or with odd events and durations, SSRC and timestamp jumps, RTCP with counts and lengths that lie,
/// padding on a non-last packet, SDES and BYE items running past the end, and datagrams larger than any buffer.
/// </summary>
internal static class RtpMutator
{
    /// <summary>A datagram for the RTP port; <paramref name="payloadTypes"/> are the negotiated ones, telephone-event last.</summary>
    public static byte[] Rtp(Random random, IReadOnlyList<byte> payloadTypes)
    {
        // Telephone events are a tenth of the packets, from a few events (timestamps), as a sender's would be.
        var pt = random.Next(4) == 0 ? (byte)random.Next(128) : payloadTypes[random.Next(payloadTypes.Count)];
        var payload = new byte[random.Next(8) == 0 ? random.Next(0, 4) : random.Next(0, 400)];
        random.NextBytes(payload);
        var telephoneEvent = random.Next(10) == 0;
        if (telephoneEvent)
        {
            pt = payloadTypes[^1];
            payload = TelephoneEvent(random);
        }

        var packet = new byte[12 + payload.Length];
        packet[0] = 0x80;
        packet[1] = (byte)((random.Next(2) << 7) | pt);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)random.Next(65536));
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), telephoneEvent ? (uint)random.Next(16) * 8000 : (uint)random.NextInt64(uint.MaxValue + 1L));
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), random.Next(3) == 0 ? 0x1234u : (uint)random.NextInt64(uint.MaxValue + 1L));
        payload.CopyTo(packet, 12);
        switch (random.Next(10))
        {
            case 0:
                packet[0] = (byte)((random.Next(4) << 6) | (packet[0] & 0x3F));
                break;
            case 1:
                // Padding bit with a count of zero, the whole packet, or more than there is.
                packet[0] |= 0x20;
                packet[^1] = (byte)Pick(random, [0, 1, packet.Length - 12, packet.Length, 255]);
                break;
            case 2:
                packet[0] = (byte)((packet[0] & 0xF0) | random.Next(1, 16));
                break;
            case 3:
                packet = WithExtension(random, packet);
                break;
            case 4:
                packet = packet[..random.Next(packet.Length)];
                break;
            case 5:
                packet = new byte[random.Next(2000, 9000)];
                random.NextBytes(packet);
                packet[0] = 0x80;
                break;
            case 6:
                packet[0] = (byte)(0x80 | 0x20 | 0x10 | 0x0F);
                break;
            default:
                break;
        }

        return packet;
    }

    /// <summary>A datagram for the RTCP port.</summary>
    public static byte[] Rtcp(Random random)
    {
        var packets = new List<byte[]>();
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            packets.Add(RtcpPacket(random, first: i == 0));
        }

        var datagram = packets.SelectMany(p => p).ToArray();
        return random.Next(5) == 0 ? datagram[..random.Next(datagram.Length + 1)] : datagram;
    }

    private static byte[] RtcpPacket(Random random, bool first)
    {
        var type = random.Next(6) switch
        {
            0 => (byte)random.Next(256),
            1 => (byte)200,
            2 => (byte)201,
            3 => (byte)202,
            4 => (byte)203,
            _ => first ? (byte)200 : (byte)random.Next(204, 208),
        };
        var body = new byte[random.Next(6) == 0 ? random.Next(0, 8) : random.Next(0, 32) * 4];
        random.NextBytes(body);
        var itemCount = random.Next(3) == 0 ? random.Next(32) : random.Next(3);
        var words = (body.Length + 4) / 4 - 1;
        switch (random.Next(5))
        {
            case 0:
                words = random.Next(65536);
                break;
            case 1:
                words = Math.Max(0, words - random.Next(1, 4));
                break;
            default:
                break;
        }

        var packet = new byte[4 + body.Length];
        packet[0] = (byte)((random.Next(5) == 0 ? random.Next(4) : 2) << 6 | (random.Next(6) == 0 ? 0x20 : 0) | itemCount);
        packet[1] = type;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)words);
        body.CopyTo(packet, 4);
        if (type == 202 && body.Length >= 8 && random.Next(2) == 0)
        {
            // SDES item whose length runs past the packet.
            packet[8] = 1;
            packet[9] = 255;
        }

        if (type == 203 && body.Length >= 8 && random.Next(2) == 0)
        {
            packet[0] = (byte)(0x80 | 1);
            packet[8] = 200;
        }

        return packet;
    }

    private static byte[] TelephoneEvent(Random random)
    {
        var payload = new byte[random.Next(4) == 0 ? random.Next(0, 4) : 4 * random.Next(1, 3)];
        random.NextBytes(payload);
        if (payload.Length >= 4)
        {
            payload[0] = (byte)(random.Next(3) == 0 ? random.Next(256) : random.Next(17));
            BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(2), (ushort)Pick(random, [0, 1, 160, 800, 65535, random.Next(65536)]));
        }

        return payload;
    }

    private static byte[] WithExtension(Random random, byte[] packet)
    {
        // X bit set; the extension's length field claims more 32-bit words than follow, or the preamble is cut.
        var extension = new byte[random.Next(0, 12)];
        random.NextBytes(extension);
        if (extension.Length >= 4)
        {
            BinaryPrimitives.WriteUInt16BigEndian(extension.AsSpan(2), (ushort)random.Next(65536));
        }

        var result = new byte[12 + extension.Length + (random.Next(2) == 0 ? 0 : packet.Length - 12)];
        packet.AsSpan(0, 12).CopyTo(result);
        result[0] |= 0x10;
        extension.CopyTo(result, 12);
        packet.AsSpan(12, result.Length - 12 - extension.Length).CopyTo(result.AsSpan(12 + extension.Length));
        return result;
    }

    private static int Pick(Random random, int[] items) => items[random.Next(items.Length)];
}
