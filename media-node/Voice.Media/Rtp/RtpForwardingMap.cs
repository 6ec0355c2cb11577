namespace Voice.Media.Rtp;

/// <summary>
/// Renumbers another source's RTP packets into one of our send streams, as a translator that rewrites the SSRC does
/// (RFC 3550 §7): our SSRC, and the source's sequence numbers and timestamps shifted by offsets fixed when the first
/// packet comes (the anchor), so that they continue where our stream stood — sequence after the last packet it
/// sent, timestamp at its current media time or after the last forwarded packet, whichever is later — and keep the
/// source's gaps (loss stays visible to the receiver) and order (a reordered packet keeps its place). A new SSRC or a
/// sequence jump beyond RFC 3550's dropout/misorder limits anchors again; a packet older than the anchor would
/// reuse a number already sent and is refused. The anchor packet gets the marker bit, so the receiver resets its
/// playout. One map per forwarding period; not thread-safe (the stream's owner serialises).
/// </summary>
public sealed class RtpForwardingMap
{
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;
    private bool _anchored;
    private uint _sourceSsrc;
    private ushort _sequenceOffset;
    private uint _timestampOffset;
    private ushort _firstSequence;
    private ushort _highestSequence;
    private uint _highestEnd;

    /// <summary>True once a packet was mapped.</summary>
    public bool HasMapped => _anchored;

    /// <summary>Our timestamp just after the latest media mapped (its timestamp plus its samples); valid when <see cref="HasMapped"/>.</summary>
    public uint HighestEnd => _highestEnd;

    /// <summary>Packets refused because they were older than the anchor.</summary>
    public long Stale { get; private set; }

    /// <summary>Anchors (the first packet, a new SSRC, a jump) counted from the first.</summary>
    public int Anchors { get; private set; }

    /// <summary>
    /// Maps <paramref name="source"/> (carrying <paramref name="samples"/> samples of media) into
    /// <paramref name="stream"/>'s numbering with <paramref name="payloadType"/>; false when it is older than the
    /// anchor and must be dropped. The caller accounts the sent packet with <see cref="RtpSendStream.RecordForwarded"/>.
    /// </summary>
    public bool TryMap(in RtpHeader source, int samples, RtpSendStream stream, byte payloadType, out RtpHeader mapped)
    {
        var marker = source.Marker;
        if (!_anchored || source.Ssrc != _sourceSsrc || !IsNear(source.SequenceNumber))
        {
            Anchor(source, stream);
            marker = true;
        }
        else if ((short)(source.SequenceNumber - _firstSequence) < 0)
        {
            Stale++;
            mapped = default;
            return false;
        }

        var timestamp = unchecked(source.Timestamp + _timestampOffset);
        if ((short)(source.SequenceNumber - _highestSequence) > 0)
        {
            _highestSequence = source.SequenceNumber;
        }

        var end = unchecked(timestamp + (uint)samples);
        if ((int)(end - _highestEnd) > 0)
        {
            _highestEnd = end;
        }

        mapped = new RtpHeader(payloadType, unchecked((ushort)(source.SequenceNumber + _sequenceOffset)), timestamp, stream.Ssrc, marker);
        return true;
    }

    private bool IsNear(ushort sequence)
    {
        var ahead = (ushort)(sequence - _highestSequence);
        return ahead <= MaxDropout || ahead >= 65536 - MaxMisorder;
    }

    private void Anchor(in RtpHeader source, RtpSendStream stream)
    {
        // Continue after everything the stream already carried: its own packets (current media time) and, when
        // anchoring again, what this map forwarded, which may have run ahead of it.
        var floor = stream.CurrentTimestamp;
        if (_anchored && (int)(_highestEnd - floor) > 0)
        {
            floor = _highestEnd;
        }

        _sequenceOffset = unchecked((ushort)(stream.NextSequence - source.SequenceNumber));
        _timestampOffset = unchecked(floor - source.Timestamp);
        _sourceSsrc = source.Ssrc;
        _firstSequence = source.SequenceNumber;
        _highestSequence = source.SequenceNumber;
        _highestEnd = floor;
        _anchored = true;
        Anchors++;
    }
}
