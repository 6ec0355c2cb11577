namespace Voice.Media.Streaming;

/// <summary>
/// A streaming low-pass FIR at a quarter of the higher rate (3.6 of 8 kHz at 16 kHz), the filter of a 2× rate change.
/// It keeps its history across calls, so a stream converted frame by frame has no clicks at frame edges (the
/// whole-signal <see cref="Playback.Resampler"/> would restart at every frame). 31 taps, Blackman-windowed sinc.
/// </summary>
internal sealed class HalfBandFilter
{
    private const int TapCount = 31;
    private static readonly float[] Taps = BuildTaps();
    private readonly float[] _history = new float[TapCount];
    private int _position;

    /// <summary>Feeds one sample at the higher rate and returns the filtered sample.</summary>
    public float Next(float sample)
    {
        _history[_position] = sample;
        float acc = 0;
        var index = _position;
        for (var k = 0; k < TapCount; k++)
        {
            acc += Taps[k] * _history[index];
            index = index == 0 ? TapCount - 1 : index - 1;
        }

        _position = _position == TapCount - 1 ? 0 : _position + 1;
        return acc;
    }

    private static float[] BuildTaps()
    {
        // Cutoff 0.45 of the lower rate's band (3.6 kHz at 16 kHz): cycles per sample at the higher rate.
        const double cutoff = 0.225;
        var taps = new float[TapCount];
        var middle = (TapCount - 1) / 2.0;
        double sum = 0;
        for (var n = 0; n < TapCount; n++)
        {
            var x = n - middle;
            var sinc = x == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
            var window = 0.42 - (0.5 * Math.Cos(2 * Math.PI * n / (TapCount - 1))) + (0.08 * Math.Cos(4 * Math.PI * n / (TapCount - 1)));
            taps[n] = (float)(sinc * window);
            sum += taps[n];
        }

        for (var n = 0; n < TapCount; n++)
        {
            taps[n] = (float)(taps[n] / sum);
        }

        return taps;
    }
}
