namespace Voice.Media.Playback;

/// <summary>
/// A continuous sine tone (or dual tone) at a level in dBm0, e.g. ringback or test tones. Phase continues across
/// frames; runs until <paramref name="durationMilliseconds"/> (0 = until stopped).
/// </summary>
public sealed class ToneSource(double frequency, double secondFrequency = 0, double dbm0 = -10, int durationMilliseconds = 0) : IAudioSource
{
    private const double ZeroDbm0Peak = 22767;
    private const int SampleRate = 8000;
    private readonly double _amplitude = ZeroDbm0Peak * Math.Pow(10, dbm0 / 20);
    private readonly long _totalSamples = (long)durationMilliseconds * SampleRate / 1000;
    private long _position;
    private volatile bool _stopped;

    /// <summary>Stops the tone at the next frame.</summary>
    public void Stop() => _stopped = true;

    /// <inheritdoc />
    public bool Read(Span<short> frame)
    {
        if (_stopped || (_totalSamples > 0 && _position >= _totalSamples))
        {
            frame.Clear();
            return false;
        }

        for (var i = 0; i < frame.Length; i++, _position++)
        {
            var t = (double)_position / SampleRate;
            var value = Math.Sin(2 * Math.PI * frequency * t) + (secondFrequency > 0 ? Math.Sin(2 * Math.PI * secondFrequency * t) : 0);
            frame[i] = _totalSamples > 0 && _position >= _totalSamples ? (short)0 : (short)Math.Clamp(_amplitude * value, short.MinValue, short.MaxValue);
        }

        return true;
    }
}
