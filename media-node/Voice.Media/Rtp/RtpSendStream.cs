using System.Security.Cryptography;

namespace Voice.Media.Rtp;

/// <summary>
/// The sending side of one RTP stream: a random SSRC, initial sequence number and timestamp offset (RFC 3550 §5.1),
/// a sequence counter that wraps, and timestamps derived from a sample counter so that they advance with media time
/// even across silence, when nothing is sent. Counts packets and payload octets for sender reports.
/// Not thread-safe: the media clock thread owns it.
/// </summary>
public sealed class RtpSendStream
{
    private readonly uint _timestampOffset;
    private ushort _nextSequence;

    /// <summary>Creates a stream with random SSRC, sequence and timestamp origin.</summary>
    public RtpSendStream(int clockRate = 8000)
        : this(RandomUInt32(), (ushort)RandomUInt32(), RandomUInt32(), clockRate)
    {
    }

    /// <summary>Creates a stream with given identifiers (tests, or to keep an SSRC across re-INVITEs).</summary>
    public RtpSendStream(uint ssrc, ushort initialSequence, uint timestampOffset, int clockRate = 8000)
    {
        Ssrc = ssrc;
        _nextSequence = initialSequence;
        _timestampOffset = timestampOffset;
        ClockRate = clockRate;
    }

    /// <summary>Synchronisation source identifier.</summary>
    public uint Ssrc { get; }

    /// <summary>RTP clock rate in Hz.</summary>
    public int ClockRate { get; }

    /// <summary>Samples of media time elapsed since the stream started (sent or not).</summary>
    public long SampleCount { get; private set; }

    /// <summary>The RTP timestamp of the current sample position.</summary>
    public uint CurrentTimestamp => unchecked(_timestampOffset + (uint)SampleCount);

    /// <summary>Packets sent so far.</summary>
    public long PacketCount { get; private set; }

    /// <summary>Payload octets sent so far.</summary>
    public long OctetCount { get; private set; }

    /// <summary>RTP timestamp of the last packet sent.</summary>
    public uint LastTimestamp { get; private set; }

    /// <summary>The sequence number the next packet takes.</summary>
    public ushort NextSequence => _nextSequence;

    /// <summary>Advances media time by <paramref name="samples"/> (called once per frame, sent or silent).</summary>
    public void Advance(int samples) => SampleCount += samples;

    /// <summary>Takes the next sequence number and accounts the packet; returns the header to write.</summary>
    public RtpHeader NextHeader(byte payloadType, uint timestamp, bool marker, int payloadLength)
    {
        var header = new RtpHeader(payloadType, _nextSequence, timestamp, Ssrc, marker);
        _nextSequence++;
        PacketCount++;
        OctetCount += payloadLength;
        LastTimestamp = timestamp;
        return header;
    }

    /// <summary>
    /// Accounts a packet sent with numbers of its own (a forwarded packet, see <see cref="RtpForwardingMap"/>): it is
    /// counted, and the sequence goes on after the highest number sent, so packets this stream numbers later follow it.
    /// </summary>
    public void RecordForwarded(in RtpHeader header, int payloadLength)
    {
        if ((short)(header.SequenceNumber - _nextSequence) >= 0)
        {
            _nextSequence = (ushort)(header.SequenceNumber + 1);
            LastTimestamp = header.Timestamp;
        }

        PacketCount++;
        OctetCount += payloadLength;
    }

    /// <summary>
    /// Moves media time on, if needed, so the current timestamp is not before <paramref name="timestamp"/> (RFC 3550
    /// serial order): after forwarded packets whose timestamps ran ahead of this stream's clock, the stream's own
    /// packets must not go back in time.
    /// </summary>
    public void ContinueAfter(uint timestamp)
    {
        var ahead = (int)(timestamp - CurrentTimestamp);
        if (ahead > 0)
        {
            SampleCount += ahead;
        }
    }

    private static uint RandomUInt32()
    {
        Span<byte> bytes = stackalloc byte[4];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt32(bytes);
    }
}
