using System.Diagnostics;

namespace Voice.Media.Jitter;

/// <summary>
/// Adaptive jitter buffer for one received stream of decoded audio. Packets are pushed as they arrive (any
/// order, 20 or 30 ms or other sizes), keyed by their RTP timestamp; the media clock pulls exactly one frame per
/// tick. Playout runs a target delay behind the stream, adapted from the measured interarrival jitter
/// (RFC 3550 estimator) at each talkspurt start and when the buffer runs too deep. Duplicates and late packets
/// are dropped and counted; a new SSRC, a timestamp jump or a talkspurt after starvation resynchronises (audio still queued is kept and
/// the new stream is spliced after it); lost
/// frames are concealed by repeating the last frame with a fade, then silence. Push (receive thread) and Pull
/// (clock thread) take one short internal lock and never call out.
/// </summary>
public sealed class JitterBuffer
{
    private const int StarvedFramesForResync = 5;
    private readonly object _gate = new();
    private readonly JitterBufferOptions _options;
    private readonly long[] _slotTimestamp;
    private readonly int[] _slotLength;
    private short[]? _slotSamples; // allocated on the first packet, released by Reset(releaseMemory: true)
    private readonly short[] _lastFrame;
    private readonly int _minimumDelay;
    private readonly int _maximumDelay;
    private bool _started;
    private uint _ssrc;
    private long _highestTimestamp;
    private long _highestEnd;
    private long _playout;
    private int _targetDelay;
    private double _jitter;
    private long _lastTransit;
    private bool _haveTransit;
    private int _lossRun;
    private int _starvedFrames;
    private int _count;
    private long _accepted;
    private long _duplicates;
    private long _late;
    private long _oversized;
    private long _overflows;
    private long _resyncs;
    private long _audioFrames;
    private long _concealedFrames;
    private long _silentFrames;
    private long _skippedFrames;

    /// <summary>Creates an empty buffer.</summary>
    public JitterBuffer(JitterBufferOptions? options = null)
    {
        _options = options ?? new JitterBufferOptions();
        _slotTimestamp = new long[_options.Capacity];
        _slotLength = new int[_options.Capacity];
        _lastFrame = new short[_options.FrameSamples];
        _minimumDelay = _options.SampleRate * _options.MinimumDelayMilliseconds / 1000;
        _maximumDelay = _options.SampleRate * _options.MaximumDelayMilliseconds / 1000;
        _targetDelay = _minimumDelay;
    }

    /// <summary>Current target playout delay in milliseconds.</summary>
    public int TargetDelayMilliseconds
    {
        get
        {
            lock (_gate)
            {
                return _targetDelay * 1000 / _options.SampleRate;
            }
        }
    }

    /// <summary>Interarrival jitter estimate in milliseconds.</summary>
    public double JitterMilliseconds
    {
        get
        {
            lock (_gate)
            {
                return _jitter * 1000 / _options.SampleRate;
            }
        }
    }

    /// <summary>A snapshot of the counters.</summary>
    public JitterBufferCounters Counters
    {
        get
        {
            lock (_gate)
            {
                return new(_accepted, _duplicates, _late, _oversized, _overflows, _resyncs, _audioFrames, _concealedFrames, _silentFrames, _skippedFrames);
            }
        }
    }

    /// <summary>
    /// Offers a packet's decoded samples. <paramref name="arrivalTicks"/> is the <see cref="Stopwatch"/> timestamp
    /// of arrival (drives the jitter estimate). The samples are copied.
    /// </summary>
    public JitterPushResult Push(uint ssrc, uint timestamp, bool marker, ReadOnlySpan<short> samples, long arrivalTicks)
    {
        lock (_gate)
        {
            if (samples.IsEmpty || samples.Length > _options.MaximumPacketSamples)
            {
                _oversized++;
                return JitterPushResult.Oversized;
            }

            var resync = !_started || ssrc != _ssrc;
            var extended = resync ? timestamp : _highestTimestamp + (int)(timestamp - (uint)_highestTimestamp);
            var jumpLimit = (2 * _maximumDelay) + _options.SampleRate;
            if (!resync && (extended - _playout > jumpLimit || _playout - extended > jumpLimit))
            {
                resync = true;
            }

            var late = !resync && extended + samples.Length <= _playout;
            var restart = late && (marker || _starvedFrames >= StarvedFramesForResync);
            if (restart)
            {
                // A new talkspurt whose timestamps did not advance with real time, or packets that arrived in a
                // burst after a stall: follow the sender from here, dropping what is queued.
                resync = true;
            }

            UpdateJitter(timestamp, arrivalTicks, resync);
            if (resync)
            {
                Resynchronise(ssrc, extended, splice: !restart);
            }
            else if (late)
            {
                _late++;
                return JitterPushResult.Late;
            }
            else if (marker && _count == 0)
            {
                // Talkspurt start on an empty buffer: a free moment to apply the adapted delay.
                _playout = extended - _targetDelay;
            }

            if (IndexOf(extended) >= 0)
            {
                _duplicates++;
                return JitterPushResult.Duplicate;
            }

            Store(extended, samples);
            _highestTimestamp = Math.Max(_highestTimestamp, extended);
            _highestEnd = Math.Max(_highestEnd, extended + samples.Length);
            _accepted++;
            _starvedFrames = 0;
            return resync ? JitterPushResult.Resynchronised : JitterPushResult.Accepted;
        }
    }

    /// <summary>
    /// Forgets the stream: queued audio, the playout position and the jitter estimate. The next packet starts it as the
    /// first one did (not counted as a resync). For a leg whose packets bypass the buffer for a while, which may let
    /// the sample store go too (<paramref name="releaseMemory"/>; it is allocated again with the next packet).
    /// </summary>
    public void Reset(bool releaseMemory = false)
    {
        lock (_gate)
        {
            if (releaseMemory)
            {
                _slotSamples = null;
            }

            _started = false;
            _count = 0;
            Array.Clear(_slotLength);
            _haveTransit = false;
            _jitter = 0;
            _starvedFrames = 0;
            _targetDelay = _minimumDelay;
        }
    }

    /// <summary>Fills <paramref name="frame"/> (exactly <c>FrameSamples</c> long) with the next frame of playout.</summary>
    public JitterFrameKind Pull(Span<short> frame)
    {
        if (frame.Length != _options.FrameSamples)
        {
            throw new ArgumentException($"frame must be {_options.FrameSamples} samples", nameof(frame));
        }

        lock (_gate)
        {
            if (!_started)
            {
                frame.Clear();
                _silentFrames++;
                return JitterFrameKind.Silence;
            }

            ShrinkIfTooDeep();
            frame.Clear();
            var covered = CopyOverlapping(frame);
            _playout += frame.Length;
            if (covered > 0)
            {
                // A partly covered frame keeps silence where samples are missing.
                frame.CopyTo(_lastFrame);
                _lossRun = 0;
                _audioFrames++;
                return JitterFrameKind.Audio;
            }

            _starvedFrames++;
            _lossRun++;
            if (_lossRun <= _options.ConcealedFramesBeforeSilence)
            {
                // Repeat the last good frame, halving it for each consecutive loss.
                for (var i = 0; i < frame.Length; i++)
                {
                    frame[i] = (short)(_lastFrame[i] >> _lossRun);
                }

                _concealedFrames++;
                return JitterFrameKind.Concealed;
            }

            _silentFrames++;
            return JitterFrameKind.Silence;
        }
    }

    private void UpdateJitter(uint timestamp, long arrivalTicks, bool reset)
    {
        var arrival = (long)(arrivalTicks * (double)_options.SampleRate / Stopwatch.Frequency);
        var transit = arrival - timestamp;
        if (_haveTransit && !reset)
        {
            var d = Math.Abs((int)(transit - _lastTransit));
            _jitter += (d - _jitter) / 16.0;
        }

        _lastTransit = transit;
        _haveTransit = true;

        // Delay covers one packet plus three mean deviations, rounded up to 10 ms.
        var step = _options.SampleRate / 100;
        var wanted = _options.FrameSamples + (int)(3 * _jitter);
        _targetDelay = Math.Clamp((wanted + step - 1) / step * step, _minimumDelay, _maximumDelay);
    }

    private void Resynchronise(uint ssrc, long extended, bool splice)
    {
        if (_started)
        {
            _resyncs++;
        }

        _ssrc = ssrc;
        _starvedFrames = 0;
        if (splice && _started && _count > 0)
        {
            // Audio is still queued: move it onto the new timeline so the new packet follows it seamlessly.
            var delta = extended - _highestEnd;
            for (var i = 0; i < _slotLength.Length; i++)
            {
                _slotTimestamp[i] += delta;
            }

            _playout += delta;
            _highestTimestamp = extended;
            _highestEnd = extended;
            return;
        }

        _started = true;
        _count = 0;
        Array.Clear(_slotLength);
        _highestTimestamp = extended;
        _highestEnd = extended;
        _playout = extended - _targetDelay;

        // Nothing played yet on this stream: the lead-in before the first packet is silence, not concealment.
        _lossRun = _options.ConcealedFramesBeforeSilence;
    }

    private int IndexOf(long timestamp)
    {
        for (var i = 0; i < _slotLength.Length; i++)
        {
            if (_slotLength[i] > 0 && _slotTimestamp[i] == timestamp)
            {
                return i;
            }
        }

        return -1;
    }

    private void Store(long timestamp, ReadOnlySpan<short> samples)
    {
        var slot = -1;
        var oldest = -1;
        for (var i = 0; i < _slotLength.Length && slot < 0; i++)
        {
            if (_slotLength[i] == 0)
            {
                slot = i;
            }
            else if (oldest < 0 || _slotTimestamp[i] < _slotTimestamp[oldest])
            {
                oldest = i;
            }
        }

        if (slot < 0)
        {
            // Full: the oldest packet gives way (counted), so a burst never blocks newer audio.
            slot = oldest;
            _overflows++;
            _count--;
        }

        _slotTimestamp[slot] = timestamp;
        _slotLength[slot] = samples.Length;
        _slotSamples ??= new short[_options.Capacity * _options.MaximumPacketSamples];
        samples.CopyTo(_slotSamples.AsSpan(slot * _options.MaximumPacketSamples));
        _count++;
    }

    private int CopyOverlapping(Span<short> frame)
    {
        var start = _playout;
        var end = start + frame.Length;
        var covered = 0;
        for (var i = 0; i < _slotLength.Length; i++)
        {
            var length = _slotLength[i];
            if (length == 0)
            {
                continue;
            }

            var packetStart = _slotTimestamp[i];
            var packetEnd = packetStart + length;
            if (packetEnd <= start)
            {
                // Entirely in the past (a late part that was never reached): release.
                _slotLength[i] = 0;
                _count--;
                continue;
            }

            if (packetStart >= end)
            {
                continue;
            }

            var from = Math.Max(start, packetStart);
            var to = Math.Min(end, packetEnd);
            var source = _slotSamples!.AsSpan((i * _options.MaximumPacketSamples) + (int)(from - packetStart), (int)(to - from));
            source.CopyTo(frame[(int)(from - start)..]);
            covered += (int)(to - from);
            if (packetEnd <= end)
            {
                _slotLength[i] = 0;
                _count--;
            }
        }

        return covered;
    }

    private void ShrinkIfTooDeep()
    {
        // Buffered beyond target + 3 frames (e.g. after a delay spike): skip a frame to cut latency back.
        if (_count > 0 && _highestTimestamp - _playout > _targetDelay + (3 * _options.FrameSamples))
        {
            _playout += _options.FrameSamples;
            _skippedFrames++;
        }
    }
}
