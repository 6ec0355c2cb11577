using System.Collections.Concurrent;

namespace Voice.Media.Playback;

/// <summary>
/// Rational-ratio polyphase FIR resampler (windowed sinc, Blackman window, 16 zero crossings per side at the
/// narrower rate). The low-pass cutoff sits at 90 % of the lower Nyquist frequency, so downsampling
/// (16 kHz or 22.05 kHz to 8 kHz) removes what would alias. Filter banks are built once per rate pair and cached.
/// </summary>
public static class Resampler
{
    private const int ZeroCrossings = 16;
    private const double CutoffFraction = 0.9;
    private static readonly ConcurrentDictionary<(int, int), FilterBank> Banks = new();

    /// <summary>Resamples a whole signal from <paramref name="inputRate"/> to <paramref name="outputRate"/> Hz.</summary>
    public static short[] Resample(ReadOnlySpan<short> input, int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRate, 1);
        if (inputRate == outputRate)
        {
            return input.ToArray();
        }

        var bank = Banks.GetOrAdd((inputRate, outputRate), key => new FilterBank(key.Item1, key.Item2));
        var outputLength = (int)((long)input.Length * bank.Up / bank.Down);
        var output = new short[outputLength];
        for (var n = 0; n < outputLength; n++)
        {
            // Output n sits at input position n·Down/Up = whole + phase/Up.
            var position = (long)n * bank.Down;
            var whole = (int)(position / bank.Up);
            var phase = (int)(position % bank.Up);
            var taps = bank.Taps[phase];
            var first = whole - bank.HalfLength + 1;
            double acc = 0;
            for (var k = 0; k < taps.Length; k++)
            {
                var index = first + k;
                if ((uint)index < (uint)input.Length)
                {
                    acc += taps[k] * input[index];
                }
            }

            output[n] = (short)Math.Clamp(Math.Round(acc), short.MinValue, short.MaxValue);
        }

        return output;
    }

    private sealed class FilterBank
    {
        public FilterBank(int inputRate, int outputRate)
        {
            var gcd = Gcd(inputRate, outputRate);
            Up = outputRate / gcd;
            Down = inputRate / gcd;

            // Cutoff relative to the input rate; half-length in input samples spans the zero crossings.
            var cutoff = CutoffFraction * Math.Min(inputRate, outputRate) / 2.0 / inputRate;
            HalfLength = (int)Math.Ceiling(ZeroCrossings / (2 * cutoff));
            Taps = new double[Up][];
            for (var phase = 0; phase < Up; phase++)
            {
                var taps = new double[2 * HalfLength];
                var fraction = (double)phase / Up;
                for (var k = 0; k < taps.Length; k++)
                {
                    // Distance from the output position to input sample (whole - HalfLength + 1 + k).
                    var t = fraction + HalfLength - 1 - k;
                    var window = Blackman(t / HalfLength);
                    taps[k] = 2 * cutoff * Sinc(2 * cutoff * t) * window;
                }

                Taps[phase] = taps;
            }
        }

        public int Up { get; }

        public int Down { get; }

        public int HalfLength { get; }

        public double[][] Taps { get; }

        private static double Sinc(double x) => Math.Abs(x) < 1e-12 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);

        // Blackman window over [-1, 1].
        private static double Blackman(double x) =>
            Math.Abs(x) >= 1 ? 0 : 0.42 + (0.5 * Math.Cos(Math.PI * x)) + (0.08 * Math.Cos(2 * Math.PI * x));

        private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
    }
}
