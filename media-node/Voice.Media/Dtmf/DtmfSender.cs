using System.Collections.Concurrent;

namespace Voice.Media.Dtmf;

/// <summary>
/// Produces RFC 4733 telephone-event packets for queued digits, one decision per media tick. For each digit:
/// the first packet has the marker bit; every packet of the event carries the event's start timestamp and the
/// duration so far (timestamp units); the last is sent three times with the E bit. A gap follows before the
/// next digit. While <see cref="IsActive"/>, the session sends these instead of audio. Digits may be queued from
/// any thread; <see cref="NextPacket"/> is called by the media clock thread only.
/// </summary>
public sealed class DtmfSender
{
    private const int EndRepeats = 3;
    private readonly ConcurrentQueue<char> _pending = new();
    private readonly int _toneSamples;
    private readonly int _gapSamples;
    private readonly byte _volume;
    private int _event = -1;
    private uint _eventTimestamp;
    private int _elapsed;
    private int _endsSent;
    private int _gapLeft;

    /// <summary>Creates a sender; durations are in milliseconds, the clock rate is the telephone-event rate.</summary>
    public DtmfSender(int clockRate = 8000, int toneMilliseconds = 100, int gapMilliseconds = 60, byte volume = 10)
    {
        ClockRate = clockRate;
        _toneSamples = Math.Min(clockRate * toneMilliseconds / 1000, ushort.MaxValue);
        _gapSamples = clockRate * gapMilliseconds / 1000;
        _volume = volume;
    }

    /// <summary>The telephone-event clock rate.</summary>
    public int ClockRate { get; }

    /// <summary>True while an event (or the gap after one) is being sent or digits wait.</summary>
    public bool IsActive => _event >= 0 || _gapLeft > 0 || !_pending.IsEmpty;

    /// <summary>Digits dropped because they are not DTMF characters.</summary>
    public int RejectedDigits { get; private set; }

    /// <summary>Queues digits (0-9, *, #, A-D; others are skipped and counted). Thread-safe.</summary>
    public void Enqueue(string digits)
    {
        foreach (var digit in digits)
        {
            if (DtmfDigits.ToEvent(digit) < 0)
            {
                RejectedDigits++;
                continue;
            }

            _pending.Enqueue(digit);
        }
    }

    /// <summary>Drops queued digits (the event in progress still ends properly).</summary>
    public void Clear() => _pending.Clear();

    /// <summary>
    /// Decides what to send for the tick starting at <paramref name="timestamp"/> that covers
    /// <paramref name="frameSamples"/> samples. Returns true with an event and its RTP timestamp and marker when a
    /// telephone-event packet must be sent; false when the tick carries audio (or silence during the gap).
    /// </summary>
    public bool NextPacket(uint timestamp, int frameSamples, out TelephoneEvent telephoneEvent, out uint eventTimestamp, out bool marker)
    {
        telephoneEvent = default;
        eventTimestamp = 0;
        marker = false;
        if (_event < 0)
        {
            if (_gapLeft > 0)
            {
                _gapLeft = Math.Max(0, _gapLeft - frameSamples);
                return false;
            }

            if (!_pending.TryDequeue(out var digit))
            {
                return false;
            }

            _event = DtmfDigits.ToEvent(digit);
            _eventTimestamp = timestamp;
            _elapsed = 0;
            _endsSent = 0;
            marker = true;
        }

        eventTimestamp = _eventTimestamp;
        if (_elapsed < _toneSamples)
        {
            _elapsed = Math.Min(_elapsed + frameSamples, _toneSamples);
        }

        var ending = _elapsed >= _toneSamples;
        telephoneEvent = new TelephoneEvent((byte)_event, ending, _volume, (ushort)_elapsed);
        if (ending && ++_endsSent >= EndRepeats)
        {
            _event = -1;
            _gapLeft = _gapSamples;
        }

        return true;
    }
}
