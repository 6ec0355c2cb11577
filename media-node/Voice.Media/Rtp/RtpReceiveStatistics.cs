namespace Voice.Media.Rtp;

/// <summary>
/// Per-source reception statistics (RFC 3550 appendix A.1, A.3, A.8): sequence validation with wrap-around
/// (extended highest sequence number and cycle count), probation of a new source, interarrival jitter and loss.
/// Not thread-safe: one receive path owns it.
/// </summary>
public sealed class RtpReceiveStatistics
{
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;
    private const int MinSequential = 2;
    private const uint SequenceModulo = 1 << 16;

    private ushort _maxSeq;
    private uint _cycles;
    private uint _baseSeq;
    private uint _badSeq = SequenceModulo + 1;
    private int _probation = MinSequential;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private double _jitter;
    private long _lastTransit;
    private bool _haveTransit;
    private bool _initialised;

    /// <summary>Packets accepted as in sequence (including duplicates and reordered ones, as RFC 3550 counts them).</summary>
    public long PacketsReceived => _received;

    /// <summary>Packets rejected as out of range or during probation.</summary>
    public long PacketsRejected { get; private set; }

    /// <summary>Number of times the 16-bit sequence number wrapped.</summary>
    public uint Cycles => _cycles >> 16;

    /// <summary>Extended highest sequence number received (cycles in the high 16 bits).</summary>
    public uint ExtendedHighestSequence => _cycles + _maxSeq;

    /// <summary>Packets expected from the first to the highest sequence number.</summary>
    public long PacketsExpected => _initialised && _probation == 0 ? (long)ExtendedHighestSequence - _baseSeq + 1 : 0;

    /// <summary>Cumulative number of packets lost (negative when duplicates outnumber losses).</summary>
    public long PacketsLost => _initialised && _probation == 0 ? PacketsExpected - _received : 0;

    /// <summary>Interarrival jitter estimate in RTP timestamp units.</summary>
    public uint Jitter => (uint)_jitter;

    /// <summary>
    /// Records a packet. <paramref name="arrival"/> is the arrival time in RTP timestamp units (any origin).
    /// Returns false when the packet is rejected (new source on probation, or a large jump not yet confirmed).
    /// </summary>
    public bool Update(ushort sequence, uint rtpTimestamp, long arrival)
    {
        if (!_initialised)
        {
            Initialise(sequence);
            _maxSeq = (ushort)(sequence - 1);
            _initialised = true;
        }

        var accepted = UpdateSequence(sequence);
        if (!accepted)
        {
            PacketsRejected++;
            return false;
        }

        // A.8: J += (|D| - J) / 16 with D the difference of relative transit times.
        var transit = arrival - rtpTimestamp;
        if (_haveTransit)
        {
            var d = Math.Abs((int)(transit - _lastTransit));
            _jitter += (d - _jitter) / 16.0;
        }

        _lastTransit = transit;
        _haveTransit = true;
        return true;
    }

    /// <summary>
    /// Loss fraction since the previous call, as the 8-bit fixed-point value of an RTCP report block (A.3).
    /// </summary>
    public byte TakeFractionLost()
    {
        var expected = PacketsExpected;
        var expectedInterval = expected - _expectedPrior;
        var receivedInterval = _received - _receivedPrior;
        _expectedPrior = expected;
        _receivedPrior = _received;
        var lostInterval = expectedInterval - receivedInterval;
        return expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
    }

    private void Initialise(ushort sequence)
    {
        _baseSeq = sequence;
        _maxSeq = sequence;
        _badSeq = SequenceModulo + 1;
        _cycles = 0;
        _received = 0;
        _receivedPrior = 0;
        _expectedPrior = 0;
    }

    private bool UpdateSequence(ushort sequence)
    {
        var delta = (ushort)(sequence - _maxSeq);
        if (_probation > 0)
        {
            // A new source is valid only after MinSequential packets in sequence.
            if (sequence == (ushort)(_maxSeq + 1))
            {
                _probation--;
                _maxSeq = sequence;
                if (_probation == 0)
                {
                    Initialise((ushort)(sequence - (MinSequential - 1)));
                    _maxSeq = sequence;
                    _received = MinSequential;
                    return true;
                }
            }
            else
            {
                _probation = MinSequential - 1;
                _maxSeq = sequence;
            }

            return false;
        }

        if (delta < MaxDropout)
        {
            if (sequence < _maxSeq)
            {
                _cycles += SequenceModulo;
            }

            _maxSeq = sequence;
        }
        else if (delta <= SequenceModulo - MaxMisorder)
        {
            // A very large jump: accept it only when the next packet confirms it (the sender restarted).
            if (sequence == _badSeq)
            {
                Initialise(sequence);
            }
            else
            {
                _badSeq = (uint)((sequence + 1) & (SequenceModulo - 1));
                return false;
            }
        }

        // Otherwise a duplicate or reordered packet: counted as received.
        _received++;
        return true;
    }
}
