using System.Buffers.Binary;

namespace Voice.Media.Rtp;

/// <summary>
/// The fixed part of an RTP header (RFC 3550 §5.1). Version is always 2. CSRCs, the header extension and padding
/// are handled by <see cref="RtpPacket"/>, which parses and writes whole packets.
/// </summary>
public readonly record struct RtpHeader(
    byte PayloadType,
    ushort SequenceNumber,
    uint Timestamp,
    uint Ssrc,
    bool Marker = false)
{
    /// <summary>Size of the fixed header in bytes.</summary>
    public const int FixedSize = 12;

    /// <summary>The RTP version this implementation speaks.</summary>
    public const int Version = 2;

    /// <summary>Reads only the fixed header; false when the data is shorter than 12 bytes or not version 2.</summary>
    public static bool TryReadFixed(ReadOnlySpan<byte> data, out RtpHeader header)
    {
        header = default;
        if (data.Length < FixedSize || data[0] >> 6 != Version)
        {
            return false;
        }

        header = new RtpHeader(
            (byte)(data[1] & 0x7F),
            BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[8..]),
            (data[1] & 0x80) != 0);
        return true;
    }
}
