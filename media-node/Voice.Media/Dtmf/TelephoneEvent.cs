using System.Buffers.Binary;

namespace Voice.Media.Dtmf;

/// <summary>The 4-byte RFC 4733 §2.3 telephone-event payload.</summary>
/// <param name="Event">Event code (0-15 are DTMF digits).</param>
/// <param name="End">The E bit: this packet ends the event.</param>
/// <param name="Volume">Power level in -dBm0 (0-63).</param>
/// <param name="Duration">Duration so far in RTP timestamp units.</param>
public readonly record struct TelephoneEvent(byte Event, bool End, byte Volume, ushort Duration)
{
    /// <summary>Payload size.</summary>
    public const int Size = 4;

    /// <summary>Reads the first event of a payload; false when it is shorter than 4 bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out TelephoneEvent telephoneEvent)
    {
        telephoneEvent = default;
        if (payload.Length < Size)
        {
            return false;
        }

        telephoneEvent = new TelephoneEvent(payload[0], (payload[1] & 0x80) != 0, (byte)(payload[1] & 0x3F), BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    /// <summary>Writes the payload (the reserved bit is zero).</summary>
    public void Write(Span<byte> destination)
    {
        destination[0] = Event;
        destination[1] = (byte)((End ? 0x80 : 0) | (Volume & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
    }
}
