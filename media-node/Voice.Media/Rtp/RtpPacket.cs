using System.Buffers.Binary;

namespace Voice.Media.Rtp;

/// <summary>
/// A parsed view over one RTP packet (RFC 3550 §5.1): header fields plus spans into the original buffer for the
/// CSRC list, header extension and payload. Parsing never allocates and never throws: malformed input (wrong
/// version, truncated CSRC list or extension, impossible padding) is rejected by <see cref="TryParse"/>.
/// </summary>
public readonly ref struct RtpPacket
{
    private readonly ReadOnlySpan<byte> _csrcs;

    private RtpPacket(RtpHeader header, bool padding, ReadOnlySpan<byte> csrcs, bool hasExtension, ushort extensionProfile, ReadOnlySpan<byte> extension, ReadOnlySpan<byte> payload)
    {
        Header = header;
        Padding = padding;
        _csrcs = csrcs;
        HasExtension = hasExtension;
        ExtensionProfile = extensionProfile;
        Extension = extension;
        Payload = payload;
    }

    /// <summary>Fixed header fields.</summary>
    public RtpHeader Header { get; }

    /// <summary>Whether the P bit was set (the padding itself is excluded from <see cref="Payload"/>).</summary>
    public bool Padding { get; }

    /// <summary>Number of contributing sources.</summary>
    public int CsrcCount => _csrcs.Length / 4;

    /// <summary>Whether the X bit was set.</summary>
    public bool HasExtension { get; }

    /// <summary>The 16-bit "defined by profile" field of the header extension.</summary>
    public ushort ExtensionProfile { get; }

    /// <summary>Header extension data (without its 4-byte preamble).</summary>
    public ReadOnlySpan<byte> Extension { get; }

    /// <summary>The payload, without padding.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>The CSRC at <paramref name="index"/>.</summary>
    public uint Csrc(int index) => BinaryPrimitives.ReadUInt32BigEndian(_csrcs[(index * 4)..]);

    /// <summary>Parses <paramref name="data"/>; false (and a default packet) when it is not a well-formed RTP packet.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtpPacket packet)
    {
        packet = default;
        if (!RtpHeader.TryReadFixed(data, out var header))
        {
            return false;
        }

        var padding = (data[0] & 0x20) != 0;
        var hasExtension = (data[0] & 0x10) != 0;
        var csrcBytes = (data[0] & 0x0F) * 4;
        var offset = RtpHeader.FixedSize + csrcBytes;
        if (offset > data.Length)
        {
            return false;
        }

        var csrcs = data[RtpHeader.FixedSize..offset];
        ushort profile = 0;
        var extension = ReadOnlySpan<byte>.Empty;
        if (hasExtension)
        {
            if (offset + 4 > data.Length)
            {
                return false;
            }

            profile = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
            var extensionBytes = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]) * 4;
            offset += 4;
            if (offset + extensionBytes > data.Length)
            {
                return false;
            }

            extension = data.Slice(offset, extensionBytes);
            offset += extensionBytes;
        }

        var end = data.Length;
        if (padding)
        {
            // The last octet counts the padding including itself; zero or more than what is left is malformed.
            var padLength = data[^1];
            if (padLength == 0 || padLength > end - offset)
            {
                return false;
            }

            end -= padLength;
        }

        packet = new RtpPacket(header, padding, csrcs, hasExtension, profile, extension, data[offset..end]);
        return true;
    }

    /// <summary>
    /// Writes a packet into <paramref name="destination"/> and returns its length, or -1 when it does not fit or the
    /// arguments cannot be encoded (more than 15 CSRCs, extension not a multiple of 4 bytes, padding over 255).
    /// </summary>
    public static int Write(
        Span<byte> destination,
        in RtpHeader header,
        ReadOnlySpan<byte> payload,
        ReadOnlySpan<uint> csrcs = default,
        ushort extensionProfile = 0,
        ReadOnlySpan<byte> extension = default,
        bool writeExtension = false,
        int paddingLength = 0)
    {
        if (csrcs.Length > 15 || extension.Length % 4 != 0 || extension.Length / 4 > ushort.MaxValue || paddingLength is < 0 or > 255 || header.PayloadType > 127)
        {
            return -1;
        }

        var hasExtension = writeExtension || !extension.IsEmpty;
        var length = RtpHeader.FixedSize + (csrcs.Length * 4) + (hasExtension ? 4 + extension.Length : 0) + payload.Length + paddingLength;
        if (length > destination.Length)
        {
            return -1;
        }

        destination[0] = (byte)((RtpHeader.Version << 6) | (paddingLength > 0 ? 0x20 : 0) | (hasExtension ? 0x10 : 0) | csrcs.Length);
        destination[1] = (byte)((header.Marker ? 0x80 : 0) | header.PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], header.SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], header.Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], header.Ssrc);
        var offset = RtpHeader.FixedSize;
        foreach (var csrc in csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], csrc);
            offset += 4;
        }

        if (hasExtension)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], extensionProfile);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], (ushort)(extension.Length / 4));
            offset += 4;
            extension.CopyTo(destination[offset..]);
            offset += extension.Length;
        }

        payload.CopyTo(destination[offset..]);
        offset += payload.Length;
        if (paddingLength > 0)
        {
            destination.Slice(offset, paddingLength - 1).Clear();
            destination[offset + paddingLength - 1] = (byte)paddingLength;
            offset += paddingLength;
        }

        return offset;
    }
}
