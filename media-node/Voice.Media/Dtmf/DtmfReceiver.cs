namespace Voice.Media.Dtmf;

/// <summary>
/// Turns received RFC 4733 telephone-event packets into digits, exactly once per event. An event is identified
/// by its RTP timestamp: the digit is reported on the first end packet, repeated end packets and late
/// continuations of a reported event are ignored. If the end packets are lost, the digit is reported when a
/// packet of a different event arrives or when no packet came for <c>timeoutMilliseconds</c> (see
/// <see cref="Poll"/>). A lost start packet does not matter: any packet of a new event starts tracking it.
/// Durations are converted with the negotiated telephone-event clock rate. Not thread-safe.
/// </summary>
public sealed class DtmfReceiver
{
    private const int RememberedEvents = 8;
    private readonly uint[] _reported = new uint[RememberedEvents];
    private readonly int _clockRate;
    private readonly long _timeoutMilliseconds;
    private int _reportedCount;
    private int _reportedNext;
    private bool _active;
    private uint _activeTimestamp;
    private byte _activeEvent;
    private int _activeDuration;
    private long _lastPacketAt;

    /// <summary>Creates a receiver for a telephone-event stream at <paramref name="clockRate"/> Hz.</summary>
    public DtmfReceiver(int clockRate = 8000, int timeoutMilliseconds = 300)
    {
        _clockRate = clockRate;
        _timeoutMilliseconds = timeoutMilliseconds;
    }

    /// <summary>Payloads too short to be a telephone event.</summary>
    public long MalformedPackets { get; private set; }

    /// <summary>Packets of events already reported (repeated end packets, late continuations).</summary>
    public long DuplicatePackets { get; private set; }

    /// <summary>
    /// Processes one telephone-event packet; <paramref name="nowMilliseconds"/> is a monotonic clock. Returns up to
    /// two digits: a previous event whose end was lost, and this event when the packet ends it.
    /// </summary>
    public int Process(uint rtpTimestamp, ReadOnlySpan<byte> payload, long nowMilliseconds, Span<DtmfDigitDetected> detected)
    {
        if (!TelephoneEvent.TryRead(payload, out var ev))
        {
            MalformedPackets++;
            return 0;
        }

        var count = 0;
        if (WasReported(rtpTimestamp))
        {
            DuplicatePackets++;
            return 0;
        }

        if (_active && _activeTimestamp != rtpTimestamp)
        {
            // A new event began while the previous one never ended: report the previous one now.
            count += Finish(detected);
        }

        if (!_active)
        {
            _active = true;
            _activeTimestamp = rtpTimestamp;
            _activeEvent = ev.Event;
            _activeDuration = 0;
        }

        _activeDuration = Math.Max(_activeDuration, ev.Duration);
        _lastPacketAt = nowMilliseconds;
        if (ev.End)
        {
            count += Finish(detected[count..]);
        }

        return count;
    }

    /// <summary>Reports an event whose end packets never came after the timeout; returns 0 or 1 digits.</summary>
    public int Poll(long nowMilliseconds, Span<DtmfDigitDetected> detected) =>
        _active && nowMilliseconds - _lastPacketAt >= _timeoutMilliseconds ? Finish(detected) : 0;

    private int Finish(Span<DtmfDigitDetected> detected)
    {
        _active = false;
        _reported[_reportedNext] = _activeTimestamp;
        _reportedNext = (_reportedNext + 1) % RememberedEvents;
        _reportedCount = Math.Min(_reportedCount + 1, RememberedEvents);
        if (DtmfDigits.FromEvent(_activeEvent) is not { } digit)
        {
            return 0;
        }

        detected[0] = new DtmfDigitDetected(digit, (int)(_activeDuration * 1000L / _clockRate), DtmfSource.Rfc4733);
        return 1;
    }

    private bool WasReported(uint timestamp)
    {
        for (var i = 0; i < _reportedCount; i++)
        {
            if (_reported[i] == timestamp)
            {
                return true;
            }
        }

        return false;
    }
}
